using PartnerStages.Core;
using PartnerStages.Core.Partners;
using PartnerStages.Data.Assessments;

namespace PartnerStages.Data.Partners;

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
    bool IsArchived,
    DateOnly AddedOn,
    double? LatestMomentum)
{
    // +1 improving, -1 slipping, 0 steady or new, by health order.
    public int Trend => CurrentStage is { } now && PreviousStage is { } before
        ? Math.Sign(now.HealthRank() - before.HealthRank())
        : 0;

    public bool IsOverdue(DateOnly today) => PartnerSignals.IsOverdue(LastAssessedOn, AddedOn, IsArchived, today);

    public bool IsFalling => PartnerSignals.IsFalling(LatestMomentum);
}

// Page is the page served, which is the last one when the query asked for a page past the end.
public sealed record PartnerPage(IReadOnlyList<PartnerRow> Rows, int Total, int Page = 0);

// A slice of the list and, when more rows follow, the sort key values of its last row (the next slice starts after it).
public sealed record PartnerSlice(IReadOnlyList<PartnerRow> Rows, IReadOnlyList<object?>? NextAfter);

// A partner as the change feed gives it: when its row was last written, and its row version then.
public sealed record PartnerChange(DateTime ChangedAtUtc, int RowVersion, PartnerRow Partner);

public sealed record OwnerOption(string Id, string Name);

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

// What the partner page shows: the partner with its people, and its check-ins, stage changes and latest "why".
public sealed record PartnerPageView(PartnerDetails Partner, PartnerTimeline Timeline);

public sealed record RegionCount(string Region, int Partners, int Archived);

public sealed record RegionMoveResult(RegionMove Move, int Partners);
