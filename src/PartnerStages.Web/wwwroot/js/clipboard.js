// Copies text to the clipboard; an ES module, loaded from 'self' as the Content-Security-Policy allows.
export async function copyText(text) {
    await navigator.clipboard.writeText(text);
}
