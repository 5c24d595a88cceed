using PartnerStages.Core;

namespace PartnerStages.Data.Accounts;

public enum TokenAccess
{
    ReadOnly,
    ReadWrite,
}

// A personal access token for the API. Only the SHA-256 hash of its secret is kept; Hint (the
// prefix and a few characters of the secret) lets its owner recognise it in the list.
public sealed class PersonalAccessToken
{
    public const int NameMaxLength = 100;
    public const int MaxLifetimeDays = 366;

    private PersonalAccessToken()
    {
        UserId = "";
        Name = "";
        SecretHash = [];
        Hint = "";
    }

    public PersonalAccessToken(string userId, string name, TokenAccess access, byte[] secretHash, string hint, DateTime createdAtUtc,
        DateTime expiresAtUtc)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException(nameof(Name), "Name is required.");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw new DomainException(nameof(Name), $"Name must be at most {NameMaxLength} characters.");
        }

        if (expiresAtUtc <= createdAtUtc)
        {
            throw new DomainException(nameof(ExpiresAtUtc), "The expiry date cannot be in the past.");
        }

        if (expiresAtUtc > createdAtUtc.AddDays(MaxLifetimeDays))
        {
            throw new DomainException(nameof(ExpiresAtUtc), "A token can live for at most a year.");
        }

        UserId = userId;
        Name = trimmed;
        Access = access;
        SecretHash = secretHash;
        Hint = hint;
        CreatedAtUtc = createdAtUtc;
        ExpiresAtUtc = expiresAtUtc;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; }
    public string Name { get; private set; }
    public TokenAccess Access { get; private set; }
    public byte[] SecretHash { get; private set; }
    public string Hint { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime ExpiresAtUtc { get; private set; }
    public DateTime? LastUsedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedById { get; private set; }

    public bool IsRevoked => RevokedAtUtc is not null;

    public bool IsUsableAt(DateTime nowUtc) => RevokedAtUtc is null && nowUtc < ExpiresAtUtc;

    public void Revoke(string byUserId, DateTime atUtc)
    {
        if (RevokedAtUtc is not null)
        {
            throw new DomainException(nameof(RevokedAtUtc), "This token is already revoked.");
        }

        RevokedAtUtc = atUtc;
        RevokedById = byUserId;
    }
}
