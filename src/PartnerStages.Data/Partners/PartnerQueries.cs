using PartnerStages.Core;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Partners;

public enum PartnerSort
{
    Name,
    Stage,
    LastAssessed,
    StageSince,
    Owner,
    Region,
}

// One page of the partner list: every filter is optional and all of it runs in the database.
public sealed record PartnerQuery
{
    public const int OverdueAfterDays = 90;
    public const int StuckAfterMonths = 6;

    public string? Search { get; init; }
    public IReadOnlyCollection<Stage> Stages { get; init; } = [];
    public string? OwnerId { get; init; }
    public string? Region { get; init; }
    public SolutionArea? SolutionArea { get; init; }
    public bool OverdueOnly { get; init; }
    public bool PendingRegressionOnly { get; init; }
    public bool Archived { get; init; }

    // The dashboard's drill-downs. With StageOn, Stages means "in that stage at the end of that day"
    // and partners archived later count as active then.
    public DateOnly? StageOn { get; init; }

    // Partners whose stage moved in [Since, Until], optionally from and to given stages.
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public bool MovedOnly { get; init; }
    public Stage? MovedFrom { get; init; }
    public Stage? MovedTo { get; init; }

    // Partners with no stage yet (never assessed, or every assessment voided).
    public bool UnassessedOnly { get; init; }

    // In Denial or Despair for more than StuckAfterMonths.
    public bool StuckOnly { get; init; }

    // The newest assessment's maturity index fell against the one before.
    public bool FallingOnly { get; init; }

    // Pending regression, entered Plateau in [Since, Until], or falling.
    public bool AtRiskOnly { get; init; }

    public PartnerSort Sort { get; init; } = PartnerSort.Name;
    public bool Descending { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record PartnerRow(
    int Id,
    string Name,
    string Region,
    SolutionArea SolutionArea,
    string OwnerId,
    string OwnerName,
    Stage? CurrentStage,
    Stage? PreviousStage,
    DateOnly? StageSince,
    DateOnly? LastAssessedOn,
    Stage? PendingRegression,
    bool IsOverridden,
    bool IsArchived)
{
    // +1 improving, -1 slipping, 0 steady or new, by health order.
    public int Trend => CurrentStage is { } now && PreviousStage is { } before
        ? Math.Sign(now.HealthRank() - before.HealthRank())
        : 0;

    public bool IsOverdue(DateOnly today) =>
        !IsArchived && (LastAssessedOn is null || LastAssessedOn < today.AddDays(-PartnerQuery.OverdueAfterDays));
}

public sealed record PartnerPage(IReadOnlyList<PartnerRow> Rows, int Total);

public sealed record OwnerOption(string Id, string Name);

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

public sealed record ContactView(int Id, string Name, VendorContactRole Role, string? Mandate, DateOnly? LastTouchOn, int RowVersion);

public sealed record SponsorView(int Id, string Name, SponsorKind Kind, string? Email, int RowVersion);

public sealed record PartnerDetails(
    int Id,
    string Name,
    string Region,
    SolutionArea SolutionArea,
    ProgrammeLevel ProgrammeLevel,
    DateOnly JoinedProgrammeOn,
    string OwnerId,
    string OwnerName,
    bool IsArchived,
    string? Notes,
    Stage? CurrentStage,
    Stage? PreviousStage,
    DateOnly? StageSince,
    DateOnly? LastAssessedOn,
    Stage? PendingRegression,
    string? OverrideReason,
    int RowVersion,
    IReadOnlyList<ContactView> VendorContacts,
    IReadOnlyList<SponsorView> Sponsors)
{
    public PartnerInput ToInput() => new()
    {
        Name = Name,
        Region = Region,
        SolutionArea = SolutionArea,
        ProgrammeLevel = ProgrammeLevel,
        JoinedProgrammeOn = JoinedProgrammeOn,
        OwnerId = OwnerId,
        Notes = Notes,
    };
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
