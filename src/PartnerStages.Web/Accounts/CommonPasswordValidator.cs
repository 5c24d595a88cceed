using System.Reflection;
using Microsoft.AspNetCore.Identity;
using PartnerStages.Data.Accounts;

namespace PartnerStages.Web.Accounts;

// Refuses passwords that guessing tools try first: well-known passwords (the embedded list holds
// common ones of 12 characters and more, as shorter ones fail the length rule anyway), the user's
// own email or name, one repeated character, and keyboard or number runs. Length is checked by Identity.
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly HashSet<string> Common = LoadList();

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        var candidate = (password ?? "").Trim().ToLowerInvariant();
        var local = (user.Email ?? user.UserName ?? "").Split('@')[0].ToLowerInvariant();
        var refused = Common.Contains(candidate)
            || candidate.Distinct().Count() <= 2
            || IsRun(candidate)
            || local.Length >= 4 && candidate.Contains(local, StringComparison.Ordinal)
            || user.DisplayName.Length >= 4 && candidate.Replace(" ", "", StringComparison.Ordinal)
                .Contains(user.DisplayName.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(), StringComparison.Ordinal);
        return Task.FromResult(refused
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is too easy to guess (a common password, your name or email, or a simple run). Choose another, such as a few unrelated words.",
            })
            : IdentityResult.Success);
    }

    // "123456789012", "abcdefghijkl", "qwertyuiopas": each character follows the one before.
    private static bool IsRun(string password)
    {
        const string rows = "abcdefghijklmnopqrstuvwxyz 0123456789 qwertyuiop asdfghjkl zxcvbnm";
        var steps = 0;
        for (var i = 1; i < password.Length; i++)
        {
            var at = rows.IndexOf(password[i - 1], StringComparison.Ordinal);
            if (at >= 0 && at + 1 < rows.Length && rows[at + 1] == password[i])
            {
                steps++;
            }
        }

        return steps >= password.Length - 2;
    }

    private static HashSet<string> LoadList()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PartnerStages.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line => line.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }
}
