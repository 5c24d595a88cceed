using System.Globalization;
using System.Text;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Partners;

public sealed class Partner
{
    public const int NameMaxLength = 200;
    public const int RegionMaxLength = 100;
    public const int NotesMaxLength = 4000;

    private readonly List<VendorContact> _vendorContacts = [];
    private readonly List<PartnerSponsor> _sponsors = [];

    // For EF Core, which sets every column itself (the public constructor's optional day cannot bind).
    private Partner()
    {
        Region = "";
        OwnerId = "";
    }

    public Partner(string name, string region, SolutionArea solutionArea, ProgrammeLevel programmeLevel,
        DateOnly joinedProgrammeOn, string ownerId, DateOnly? addedOn = null)
    {
        // Callers that add a partner today pass today; where it is unknown the joined date stands in.
        AddedOn = addedOn ?? joinedProgrammeOn;
        Rename(name);
        Region = RequireText(region, nameof(Region), RegionMaxLength);
        SolutionArea = solutionArea;
        ProgrammeLevel = programmeLevel;
        JoinedProgrammeOn = joinedProgrammeOn;
        OwnerId = RequireText(ownerId, nameof(OwnerId), 450);
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    // Upper-cased copy of Name: a portable case-insensitive unique index (SQLite and PostgreSQL alike).
    public string NormalizedName { get; private set; } = "";
    public string Region { get; private set; }
    public SolutionArea SolutionArea { get; private set; }
    public ProgrammeLevel ProgrammeLevel { get; private set; }
    public DateOnly JoinedProgrammeOn { get; private set; }

    // The day the partner was added to PartnerStages: a partner never checked in is overdue from here.
    public DateOnly AddedOn { get; private set; }
    public string OwnerId { get; private set; }
    public bool IsArchived { get; private set; }

    // When it left the active portfolio: month-end figures count it only before that day.
    public DateOnly? ArchivedOn { get; private set; }
    public string? Notes { get; private set; }

    // Denormalised from the stage history so lists need no joins.
    public Stage? CurrentStage { get; private set; }

    // The stage before the current one: the list's trend arrow compares the two.
    public Stage? PreviousStage { get; private set; }
    public DateOnly? StageSince { get; private set; }
    public DateOnly? LastAssessedOn { get; private set; }

    // The newest assessment's momentum: "falling maturity index" is a filter on thousands of partners.
    public double? LatestMomentum { get; private set; }
    public Stage? PendingRegression { get; private set; }
    public string? OverrideReason { get; private set; }

    // What the rules remember for the next check-in (PartnerHistory): the latest standing verdict
    // and its index, and the healthiest verdict so far. Kept here so judging a check-in reads one row.
    // The verdicts, not the stage: an override or a pending regression does not change them.
    public Stage? LatestVerdictStage { get; private set; }
    public double? LatestMaturityIndex { get; private set; }
    public Stage? PeakVerdictStage { get; private set; }

    public int RowVersion { get; private set; }

    // Set by the store on every write of the row (UTC), for the API's change feed; not a business date.
    public DateTime ChangedAtUtc { get; private set; }

    public IReadOnlyList<VendorContact> VendorContacts => _vendorContacts;
    public IReadOnlyList<PartnerSponsor> Sponsors => _sponsors;

    // The key names are unique by: case, Unicode composition ("é" typed as one character or as "e"
    // plus an accent) and invisible format characters (a pasted zero-width space) make no difference.
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var composed = name.Normalize(NormalizationForm.FormC);
        var visible = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                visible.Append(c);
            }
        }

        return visible.ToString().Trim().ToUpperInvariant();
    }

    public void Rename(string name)
    {
        Name = RequireText(name, nameof(Name), NameMaxLength).Normalize(NormalizationForm.FormC);
        NormalizedName = Normalize(Name);
        if (NormalizedName.Length == 0)
        {
            throw new DomainException(nameof(Name), Required(nameof(Name)));
        }
    }

    public void UpdateDetails(string region, SolutionArea solutionArea, ProgrammeLevel programmeLevel,
        DateOnly joinedProgrammeOn, string? notes)
    {
        Region = RequireText(region, nameof(Region), RegionMaxLength);
        SolutionArea = solutionArea;
        ProgrammeLevel = programmeLevel;
        JoinedProgrammeOn = joinedProgrammeOn;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim()[..Math.Min(notes.Trim().Length, NotesMaxLength)];
    }

    public void MoveToRegion(string region) => Region = RequireText(region, nameof(Region), RegionMaxLength);

    public void AssignOwner(string ownerId) => OwnerId = RequireText(ownerId, nameof(OwnerId), 450);

    public void Archive(DateOnly on)
    {
        IsArchived = true;
        ArchivedOn = on;
    }

    public void Restore()
    {
        IsArchived = false;
        ArchivedOn = null;
    }

    // Where the partner stands under the regression policy; null until its first verdict.
    public StageStatus? Status => CurrentStage is { } current
        ? new StageStatus(current, PendingRegression, OverrideReason is { } reason ? new StageOverride(current, reason) : null)
        : null;

    // What the rules know of this partner's past for a check-in on that day.
    public PartnerHistory HistoryOn(DateOnly assessedOn) =>
        new(assessedOn, JoinedProgrammeOn, LatestVerdictStage, PeakVerdictStage, LatestMaturityIndex);

    // A check-in's verdict lands: its first verdict starts the stage, an improvement applies at
    // once, a regression waits (StageStatus). The caller records the returned change.
    public StageUpdate RecordVerdict(Verdict verdict, DateOnly assessedOn) => RecordVerdict(AssessmentVerdict.From(verdict), assessedOn);

    public StageUpdate RecordVerdict(AssessmentVerdict verdict, DateOnly assessedOn)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var update = StageStatus.Judge(Status, verdict.Stage);
        Remember(new StandingCheckIn(assessedOn, verdict.Stage, verdict.MaturityIndex, verdict.Momentum),
            PeakVerdictStage.PeakWith(verdict.Stage));
        Land(update.Status, assessedOn);
        return update;
    }

    // A newly published rule set re-judged the latest check-in (assessed on `assessedOn`): the rules
    // remember the new verdict, and the stage moves under the re-evaluation policy (StageStatus.Reconsider).
    public StageUpdate Reconsider(AssessmentVerdict verdict, DateOnly assessedOn, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var update = Status is { } status ? status.Reconsider(verdict.Stage) : StageStatus.Start(verdict.Stage);
        Remember(new StandingCheckIn(assessedOn, verdict.Stage, verdict.MaturityIndex, verdict.Momentum),
            PeakVerdictStage.PeakWith(verdict.Stage));
        Land(update.Status, on);
        return update;
    }

    public StageUpdate ConfirmRegression(DateOnly on) => Land(StatusToChange() is { Pending: not null } status
        ? status.ConfirmPending()
        : throw new DomainException(nameof(PendingRegression), "There is no pending regression to confirm."), on);

    public StageUpdate DismissRegression(DateOnly on) => Land(StatusToChange() is { Pending: not null } status
        ? status.DismissPending()
        : throw new DomainException(nameof(PendingRegression), "There is no pending regression to dismiss."), on);

    public StageUpdate Override(Stage stage, string reason, DateOnly on) => string.IsNullOrWhiteSpace(reason)
        ? throw new DomainException("Reason", "Write why you are overriding the rules' verdict.")
        : Land(StatusToChange().OverrideWith(stage, reason), on);

    // After a check-in is voided: the stage is what replaying the rest of the history gives, and
    // the rules remember the check-ins left standing (date order). Returns the move, if any.
    public StageTransition? Restate(StageStatus? replayed, IReadOnlyList<StandingCheckIn> standing, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(standing);
        var from = CurrentStage;
        Remember(standing);
        if (replayed is null)
        {
            ClearStage();
            return null;
        }

        RecordStage(replayed.Current, on, replayed.Pending, replayed.Override?.Reason);
        return replayed.Current != from ? new StageTransition(from, replayed.Current, StageChangeCause.Voided) : null;
    }

    // Sets the stage directly, for history already judged elsewhere (the sample generator, tests).
    public void RecordStage(Stage current, DateOnly since, Stage? pendingRegression, string? overrideReason)
    {
        if (current != CurrentStage)
        {
            PreviousStage = CurrentStage;
            StageSince = since;
        }

        CurrentStage = current;
        PendingRegression = pendingRegression;
        OverrideReason = overrideReason;
    }

    public void MarkAssessed(DateOnly? on, double? momentum)
    {
        LastAssessedOn = on;
        LatestMomentum = momentum;
    }

    // What the rules remember, worked out from the check-ins that stand, in date order (voiding
    // one, or upgrading a database that did not keep it on the partner).
    public void Remember(IReadOnlyList<StandingCheckIn> standing)
    {
        var (latest, peak) = Remembered(standing);
        Remember(latest, peak);
    }

    // The latest standing check-in and the healthiest stage among them: what Remember keeps.
    public static (StandingCheckIn? Latest, Stage? Peak) Remembered(IReadOnlyList<StandingCheckIn> standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        return (standing.Count > 0 ? standing[^1] : null, standing.Count > 0 ? standing.Select(c => c.Stage).MaxBy(s => s.HealthRank()) : null);
    }

    private void Remember(StandingCheckIn? latest, Stage? peak)
    {
        LastAssessedOn = latest?.AssessedOn;
        LatestMomentum = latest?.Momentum;
        LatestVerdictStage = latest?.Stage;
        LatestMaturityIndex = latest?.MaturityIndex;
        PeakVerdictStage = peak;
    }

    private StageStatus StatusToChange() =>
        Status ?? throw new DomainException("Stage", "This partner has no stage yet: record an assessment first.");

    private StageUpdate Land(StageUpdate update, DateOnly on)
    {
        Land(update.Status, on);
        return update;
    }

    private void Land(StageStatus status, DateOnly on) =>
        RecordStage(status.Current, on, status.Pending, status.Override?.Reason);

    // Every assessment was voided: the partner is back to "not yet assessed".
    private void ClearStage()
    {
        PreviousStage = CurrentStage;
        CurrentStage = null;
        StageSince = null;
        PendingRegression = null;
        OverrideReason = null;
    }

    public VendorContact AddVendorContact(string name, VendorContactRole role, string? mandate, DateOnly? lastTouchOn)
    {
        var contact = new VendorContact(name, role, mandate, lastTouchOn);
        _vendorContacts.Add(contact);
        return contact;
    }

    public PartnerSponsor AddSponsor(string name, SponsorKind kind, string? email)
    {
        var sponsor = new PartnerSponsor(name, kind, email);
        _sponsors.Add(sponsor);
        return sponsor;
    }

    public const string JoinedProgrammeRequired = "Joined programme is required.";

    // Every problem with a partner's details at once, in the words the constructor and the service
    // refuse the first of them with: for a caller that reports them together (the API).
    public static IReadOnlyList<ValidationError> DetailsProblems(string? name, string? region, DateOnly? joinedProgrammeOn)
    {
        var problems = new List<ValidationError>();
        if (TextProblem(name, nameof(Name), NameMaxLength) is { } nameProblem)
        {
            problems.Add(new(nameof(Name), nameProblem));
        }
        else if (Normalize(name!.Trim().Normalize(NormalizationForm.FormC)).Length == 0)
        {
            problems.Add(new(nameof(Name), Required(nameof(Name))));
        }

        if (TextProblem(region, nameof(Region), RegionMaxLength) is { } regionProblem)
        {
            problems.Add(new(nameof(Region), regionProblem));
        }

        if (joinedProgrammeOn is null)
        {
            problems.Add(new(nameof(JoinedProgrammeOn), JoinedProgrammeRequired));
        }

        return problems;
    }

    internal static string RequireText(string? value, string field, int maxLength) =>
        TextProblem(value, field, maxLength) is { } problem ? throw new DomainException(field, problem) : value!.Trim();

    // What is wrong with a required line of text, or null.
    private static string? TextProblem(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? Required(field)
        : value.Trim().Any(char.IsControl) ? $"{Label(field)} cannot contain control characters such as line breaks or NUL."
        : value.Trim().Length > maxLength ? $"{Label(field)} must be at most {maxLength} characters."
        : null;

    private static string Required(string field) => $"{Label(field)} is required.";

    private static string Label(string field) => field switch
    {
        nameof(OwnerId) => "Owner",
        _ => field,
    };
}

// A check-in that stands (not voided), as the rules remember it.
public sealed record StandingCheckIn(DateOnly AssessedOn, Stage Stage, double MaturityIndex, double? Momentum);
