namespace PartnerStages.Core.Partners;

// A partner-side sponsor; one person holding every kind shows a single-person dependency.
public sealed class PartnerSponsor
{
    internal PartnerSponsor(string name, SponsorKind kind, string? email)
    {
        Update(name, kind, email);
    }

    public int Id { get; private set; }
    public int PartnerId { get; private set; }
    public string Name { get; private set; } = "";
    public SponsorKind Kind { get; private set; }
    public string? Email { get; private set; }
    public int RowVersion { get; private set; }

    public void Update(string name, SponsorKind kind, string? email)
    {
        Name = Partner.RequireText(name, nameof(Name), 200);
        Kind = kind;
        Email = string.IsNullOrWhiteSpace(email) ? null : Partner.RequireText(email, nameof(Email), 256);
    }
}

public enum SponsorKind
{
    Executive,
    Sales,
    Technical,
}
