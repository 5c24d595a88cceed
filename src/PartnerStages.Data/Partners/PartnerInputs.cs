using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Partners;

// The partner form's fields; settable so a form can bind to them.
public sealed class PartnerInput
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public SolutionArea SolutionArea { get; set; }
    public ProgrammeLevel ProgrammeLevel { get; set; }
    public DateOnly? JoinedProgrammeOn { get; set; }
    public string? OwnerId { get; set; }
    public string? Notes { get; set; }
}

public sealed class ContactInput
{
    public string Name { get; set; } = "";
    public VendorContactRole Role { get; set; } = VendorContactRole.PartnerDevelopmentManager;
    public string? Mandate { get; set; }
    public DateOnly? LastTouchOn { get; set; }
}

public sealed class SponsorInput
{
    public string Name { get; set; } = "";
    public SponsorKind Kind { get; set; }
    public string? Email { get; set; }
}
