using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Accounts;

public sealed class NewUserInput
{
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Role { get; set; } = Roles.ChannelManager;
    public string Password { get; set; } = "";
}

// Administrators create accounts; the app confirms them itself (there is no mail here). Each call
// works in its own scope: a circuit lives for hours, its scoped DbContext must not. Identity's
// UserManager comes from the host's AddIdentityCore, over this project's DbContext.
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
        Check(await users.AddClaimAsync(user, TemporaryPassword.Claim()));
        db.Audit(clock.GetUtcNow().UtcDateTime, actor, AuditAction.Created, "User", user.Id,
            $"Created user {user.DisplayName} ({email}) as {input.Role}, with a first password to change at the first sign-in.", after: new { user.DisplayName, Email = email, input.Role });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return user.Id;
    }

    public async Task ChangeRoleAsync(Actor actor, string userId, string role)
    {
        if (!Roles.All.Contains(role))
        {
            throw new DomainException("Role", "Choose a role from the list.");
        }

        await ChangeUserAsync(actor, userId, AuditAction.RoleChanged, async (users, user, roles) =>
        {
            if (roles.Contains(role) && roles.Count == 1)
            {
                return null;
            }

            if (roles.Contains(Roles.Administrator) && role != Roles.Administrator)
            {
                await EnsureAnotherAdministratorAsync(users, user);
            }

            Check(await users.RemoveFromRolesAsync(user, roles));
            Check(await users.AddToRoleAsync(user, role));
            return ($"Changed the role of {user.DisplayName} to {role}.", new { Roles = roles }, new { Roles = new[] { role } });
        });
    }

    // Disabling locks the account for good and ends its sessions within a minute (security stamp).
    public async Task SetDisabledAsync(Actor actor, string userId, bool disabled)
    {
        if (disabled && userId == actor.UserId)
        {
            throw new DomainException("", "You cannot disable your own account.");
        }

        await ChangeUserAsync(actor, userId, AuditAction.Edited, async (users, user, roles) =>
        {
            if (disabled && roles.Contains(Roles.Administrator))
            {
                await EnsureAnotherAdministratorAsync(users, user);
            }

            Check(await users.SetLockoutEnabledAsync(user, true));
            Check(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null));
            return ($"{(disabled ? "Disabled" : "Re-enabled")} {user.DisplayName}.", new { Disabled = !disabled }, new { Disabled = disabled });
        });
    }

    // For a forgotten password: the person signs in with it once and must choose their own at once.
    // Their open sessions end (the stamp changes) and a lockout from failed attempts is lifted; a
    // disabled account stays disabled.
    public async Task SetTemporaryPasswordAsync(Actor actor, string userId, string password)
    {
        if (userId == actor.UserId)
        {
            throw new DomainException("", "Change your own password from your account menu.");
        }

        await ChangeUserAsync(actor, userId, AuditAction.TemporaryPasswordSet, async (users, user, _) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password));
            var had = (await users.GetClaimsAsync(user)).Any(c => c.Type == TemporaryPassword.ClaimType);
            if (!had)
            {
                Check(await users.AddClaimAsync(user, TemporaryPassword.Claim()));
            }

            var disabled = user.LockoutEnd == DateTimeOffset.MaxValue;
            Check(await users.ResetAccessFailedCountAsync(user));
            if (!disabled && user.LockoutEnd is not null)
            {
                Check(await users.SetLockoutEndDateAsync(user, null));
            }

            return ($"Set a temporary password for {user.DisplayName}; they must change it at their next sign-in.",
                new { MustChangePassword = had }, new { MustChangePassword = true });
        });
    }

    private async Task ChangeUserAsync(Actor actor, string userId, AuditAction action,
        Func<UserManager<ApplicationUser>, ApplicationUser, IList<string>, Task<(string Summary, object Before, object After)?>> change)
    {
        if (!actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only an administrator can change users.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PartnerStagesDbContext>();
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("This user does not exist any more.");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var done = await change(users, user, await users.GetRolesAsync(user));
        if (done is not { } result)
        {
            return;
        }

        // Open sessions and circuits re-check the stamp within a minute and end on a mismatch.
        Check(await users.UpdateSecurityStampAsync(user));
        db.Audit(clock.GetUtcNow().UtcDateTime, actor, action, "User", user.Id, result.Summary, result.Before, result.After);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    // Nobody can disable or demote the last administrator who can still sign in.
    private async Task EnsureAnotherAdministratorAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var now = clock.GetUtcNow();
        var others = (await users.GetUsersInRoleAsync(Roles.Administrator))
            .Count(u => u.Id != user.Id && (u.LockoutEnd is null || u.LockoutEnd <= now));
        if (others == 0)
        {
            throw new DomainException("", $"{user.DisplayName} is the last administrator: make someone else an administrator first.");
        }
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
