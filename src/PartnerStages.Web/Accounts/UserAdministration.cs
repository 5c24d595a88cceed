using Microsoft.AspNetCore.Identity;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data;
using PartnerStages.Data.Accounts;
using PartnerStages.Data.Audit;

namespace PartnerStages.Web.Accounts;

public sealed class NewUserInput
{
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.ChannelManager;
    public string Password { get; set; } = "";
}

// Administrators create accounts; the app confirms them itself (there is no mail here). Each call
// works in its own scope: a circuit lives for hours, its scoped DbContext must not.
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<string> CreateAsync(Actor actor, NewUserInput input)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can create users.");
        }

        if (!Roles.All.Contains(input.Role))
        {
            throw new DomainException(nameof(NewUserInput.Role), "Choose a role from the list.");
        }

        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            throw new DomainException(nameof(NewUserInput.DisplayName), "Name is required.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        var email = input.Email.Trim();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        Check(await users.CreateAsync(user, input.Password));
        Check(await users.AddToRoleAsync(user, input.Role));
        db.Audit(clock.GetUtcNow().UtcDateTime, actor, AuditAction.Created, "User", user.Id,
            $"Created user {user.DisplayName} ({email}) as {input.Role}.", after: new { user.DisplayName, Email = email, input.Role });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return user.Id;
    }

    // Identity's messages name what is wrong; the field is the one they are about.
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var error = result.Errors.First();
        var field = error.Code switch
        {
            var code when code.StartsWith("Password", StringComparison.Ordinal) => nameof(NewUserInput.Password),
            "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => nameof(NewUserInput.Email),
            _ => "",
        };
        throw new DomainException(field, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
