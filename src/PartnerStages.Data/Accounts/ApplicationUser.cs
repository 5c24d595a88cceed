using Microsoft.AspNetCore.Identity;

namespace PartnerStages.Data.Accounts;

public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public bool PrefersDarkMode { get; set; }
}
