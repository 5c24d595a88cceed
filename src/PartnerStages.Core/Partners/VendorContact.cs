namespace PartnerStages.Core.Partners;

// A vendor-side person the partner works with, such as a field seller or a "purple badge" specialist.
public sealed class VendorContact
{
    internal VendorContact(string name, VendorContactRole role, string? mandate, DateOnly? lastTouchOn)
    {
        Update(name, role, mandate, lastTouchOn);
    }

    public int Id { get; private set; }
    public int PartnerId { get; private set; }
    public string Name { get; private set; } = "";
    public VendorContactRole Role { get; private set; }

    // What this person is goaled on; partners that help meet it earn their attention.
    public string? Mandate { get; private set; }
    public DateOnly? LastTouchOn { get; private set; }
    public int RowVersion { get; private set; }

    public void Update(string name, VendorContactRole role, string? mandate, DateOnly? lastTouchOn)
    {
        Name = Partner.RequireText(name, nameof(Name), 200);
        Role = role;
        Mandate = string.IsNullOrWhiteSpace(mandate) ? null : Partner.RequireText(mandate, nameof(Mandate), 500);
        LastTouchOn = lastTouchOn;
    }
}

public enum VendorContactRole
{
    PartnerDevelopmentManager,
    FieldSeller,
    TechnicalSpecialist,
    CustomerSuccess,
    Other,
}
