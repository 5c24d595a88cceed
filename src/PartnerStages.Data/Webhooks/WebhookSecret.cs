using System.Security.Cryptography;
using System.Text;

namespace PartnerStages.Data.Webhooks;

// Secrets and signatures as the Standard Webhooks specification has them: "whsec_" + base64 of random
// bytes; the signature "v1," + base64(HMAC-SHA256(key = those bytes, "{id}.{timestamp}.{body}")).
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int KeyBytes = 32;

    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}
