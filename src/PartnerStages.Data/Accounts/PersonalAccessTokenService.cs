using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Audit;
using PartnerStages.Data.Audit;

namespace PartnerStages.Data.Accounts;

public sealed class TokenInput
{
    public string Name { get; set; } = "";
    public TokenAccess Access { get; set; } = TokenAccess.ReadOnly;
    public DateOnly? ExpiresOn { get; set; }
}

public sealed record TokenView(int Id, string Name, TokenAccess Access, string Hint, DateTime CreatedAtUtc, DateTime ExpiresAtUtc,
    DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc, string UserId, string UserName)
{
    public bool IsUsableAt(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc;
}

// The secret is in here once, for the page to show; nothing keeps it.
public sealed record CreatedToken(TokenView Token, string Secret);

// Who a presented token acts for; the authentication handler builds the user's principal from it.
public sealed record TokenIdentity(int Id, string UserId, string Name, TokenAccess Access);

// Personal access tokens for the API: created and revoked by their owner (an administrator revokes
// anyone's), found by the hash of the secret a request presents.
public sealed class PersonalAccessTokenService(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    // Recognisable, so secret scanners (and people) can tell a leaked one.
    public const string Prefix = "pst_";
    private const int SecretBytes = 32;
    private const string EntityType = "PersonalAccessToken";

    // Last use is written at most this often per token: a busy integration must not write a row per request.
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(Now);

    public async Task<CreatedToken> CreateAsync(Actor actor, TokenInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var expiresOn = input.ExpiresOn ?? throw new DomainException(nameof(TokenInput.ExpiresOn), "Choose an expiry date.");
        if (!Enum.IsDefined(input.Access))
        {
            throw new DomainException(nameof(TokenInput.Access), "Choose read-only or read-write.");
        }

        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var now = Now;
        // Valid through the whole expiry day (UTC).
        var token = new PersonalAccessToken(actor.UserId, input.Name, input.Access, Hash(secret), secret[..(Prefix.Length + 4)] + "…", now,
            expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(now, actor, AuditAction.TokenCreated, EntityType, token.Id,
            $"Created access token \"{token.Name}\" ({Describe(token.Access)}, expires {expiresOn:yyyy-MM-dd}).",
            after: new { token.Name, token.Access, token.ExpiresAtUtc, token.UserId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedToken(View(token, actor.Name), secret);
    }

    public Task<IReadOnlyList<TokenView>> ListMineAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return ListAsync(actor.UserId, cancellationToken);
    }

    public Task<IReadOnlyList<TokenView>> ListAllAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsAdministrator
            ? ListAsync(userId: null, cancellationToken)
            : throw new PermissionDeniedException("Only an administrator can see everyone's access tokens.");
    }

    private async Task<IReadOnlyList<TokenView>> ListAsync(string? userId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var tokens = db.PersonalAccessTokens.AsNoTracking();
        if (userId is not null)
        {
            tokens = tokens.Where(t => t.UserId == userId);
        }

        // Live tokens first, newest first.
        return await tokens
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, Owner = u.DisplayName })
            .OrderBy(r => r.Token.RevokedAtUtc != null).ThenByDescending(r => r.Token.CreatedAtUtc).ThenByDescending(r => r.Token.Id)
            .Select(r => new TokenView(r.Token.Id, r.Token.Name, r.Token.Access, r.Token.Hint, r.Token.CreatedAtUtc, r.Token.ExpiresAtUtc,
                r.Token.LastUsedAtUtc, r.Token.RevokedAtUtc, r.Token.UserId, r.Owner))
            .ToListAsync(cancellationToken);
    }

    // A token's owner revokes it, or an administrator revokes anyone's; it stops working at once.
    public async Task RevokeAsync(Actor actor, int tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken)
            ?? throw new NotFoundException("This access token does not exist.");
        if (token.UserId != actor.UserId && !actor.IsAdministrator)
        {
            throw new PermissionDeniedException("Only the token's owner or an administrator can revoke it.");
        }

        token.Revoke(actor.UserId, Now);
        db.Audit(Now, actor, AuditAction.TokenRevoked, EntityType, token.Id,
            $"Revoked access token \"{token.Name}\"{(token.UserId == actor.UserId ? "" : " of another user")}.",
            new { RevokedAtUtc = (DateTime?)null, token.UserId }, new { token.RevokedAtUtc, token.UserId });
        await db.SaveChangesAsync(cancellationToken);
    }

    // The token a request presents, if it is one of ours, unrevoked and unexpired; notes its use.
    public async Task<TokenIdentity?> FindUsableAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }

        var hash = Hash(presented);
        var now = Now;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash)
            .Select(t => new { t.Id, t.UserId, t.Name, t.Access, t.SecretHash, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);

        // The index found it by hash already; the constant-time comparison keeps that decision free of timing.
        if (token is null || !CryptographicOperations.FixedTimeEquals(token.SecretHash, hash)
            || token.RevokedAtUtc is not null || now >= token.ExpiresAtUtc)
        {
            return null;
        }

        if (token.LastUsedAtUtc is not { } last || now - last >= LastUseResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAtUtc, now), cancellationToken);
        }

        return new TokenIdentity(token.Id, token.UserId, token.Name, token.Access);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static TokenView View(PersonalAccessToken t, string userName) =>
        new(t.Id, t.Name, t.Access, t.Hint, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc, t.UserId, userName);

    public static string Describe(TokenAccess access) => access == TokenAccess.ReadWrite ? "read-write" : "read-only";
}
