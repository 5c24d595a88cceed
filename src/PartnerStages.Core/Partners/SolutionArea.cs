namespace PartnerStages.Core.Partners;

// The vendor's six solution areas.
public enum SolutionArea
{
    DataAndAi,
    DigitalAndAppInnovation,
    Infrastructure,
    BusinessApplications,
    ModernWork,
    Security,
}

public enum ProgrammeLevel
{
    Member,
    SolutionsPartner,
    Specialist,
    Expert,
}

public static class PartnerLabels
{
    public static string DisplayName(this SolutionArea area) => area switch
    {
        SolutionArea.DataAndAi => "Data & AI",
        SolutionArea.DigitalAndAppInnovation => "Digital & App Innovation",
        SolutionArea.Infrastructure => "Infrastructure",
        SolutionArea.BusinessApplications => "Business Applications",
        SolutionArea.ModernWork => "Modern Work",
        SolutionArea.Security => "Security",
        _ => area.ToString(),
    };

    public static string DisplayName(this ProgrammeLevel level) => level switch
    {
        ProgrammeLevel.SolutionsPartner => "Solutions Partner",
        _ => level.ToString(),
    };

    public static string DisplayName(this VendorContactRole role) => role switch
    {
        VendorContactRole.PartnerDevelopmentManager => "Partner development manager",
        VendorContactRole.FieldSeller => "Field seller",
        VendorContactRole.TechnicalSpecialist => "Technical specialist",
        VendorContactRole.CustomerSuccess => "Customer success",
        _ => "Other",
    };

    public static string DisplayName(this SponsorKind kind) => kind switch
    {
        SponsorKind.Executive => "Executive",
        SponsorKind.Sales => "Sales",
        _ => "Technical",
    };
}
