using System.Security.Claims;

namespace PartnerStages.Data.Accounts;

// A password an administrator chose (a new user's first, or a reset) is known to two people: its
// holder must replace it before anything else. Kept as a user claim, so it rides in the sign-in
// cookie and every request can check it without a database read.
public static class TemporaryPassword
{
    public const string ClaimType = "partnerstages:temporary-password";

    public static Claim Claim() => new(ClaimType, "true");

    public static bool MustBeChanged(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ClaimType);
}
