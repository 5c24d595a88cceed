using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Partners;

// How verdicts and the owner's decisions land on a partner (the regression policy itself is in StageStatusTests).
public class PartnerStageTests
{
    private static readonly DateOnly Day = TestData.AssessedOn;

    private static Partner NewPartner() =>
        new("Contoso", "EMEA", SolutionArea.Security, ProgrammeLevel.Member, TestData.JoinedOn, "manager");

    [Fact]
    public void A_partner_never_assessed_has_no_status()
    {
        Assert.Null(NewPartner().Status);
    }

    [Fact]
    public void The_first_verdict_starts_the_stage_and_marks_the_check_in()
    {
        var partner = NewPartner();

        var update = partner.RecordVerdict(TestData.Verdict(Stage.Despair), Day);

        Assert.Equal(StageOutcome.Started, update.Outcome);
        Assert.Equal((Stage.Despair, Day, Day), (partner.CurrentStage, partner.StageSince, partner.LastAssessedOn));
    }

    [Fact]
    public void A_worse_verdict_waits_as_pending_and_the_owner_can_confirm_it()
    {
        var partner = NewPartner();
        partner.RecordVerdict(TestData.Verdict(Stage.Hopeful), Day);

        partner.RecordVerdict(TestData.Verdict(Stage.Despair, momentum: -6), Day.AddMonths(1));
        Assert.Equal(new StageStatus(Stage.Hopeful, Stage.Despair), partner.Status);
        Assert.Equal(-6, partner.LatestMomentum);

        var update = partner.ConfirmRegression(Day.AddMonths(1).AddDays(2));
        Assert.Equal(new StageTransition(Stage.Hopeful, Stage.Despair, StageChangeCause.ConfirmedRegression), update.Change);
        Assert.Equal((Stage.Despair, Stage.Hopeful, Day.AddMonths(1).AddDays(2)), (partner.CurrentStage, partner.PreviousStage, partner.StageSince));
    }

    [Fact]
    public void Confirming_or_dismissing_without_a_pending_regression_is_refused_on_that_field()
    {
        var partner = NewPartner();
        partner.RecordVerdict(TestData.Verdict(Stage.Hopeful), Day);

        Assert.Equal(nameof(Partner.PendingRegression), Assert.Throws<DomainException>(() => partner.ConfirmRegression(Day)).Field);
        Assert.Equal(nameof(Partner.PendingRegression), Assert.Throws<DomainException>(() => partner.DismissRegression(Day)).Field);
    }

    [Fact]
    public void A_partner_with_no_stage_cannot_be_overridden()
    {
        var error = Assert.Throws<DomainException>(() => NewPartner().Override(Stage.Soaring, "Won the award", Day));

        Assert.Equal("This partner has no stage yet: record an assessment first.", error.Message);
    }

    [Fact]
    public void An_override_needs_a_reason_and_shows_it()
    {
        var partner = NewPartner();
        partner.RecordVerdict(TestData.Verdict(Stage.Despair), Day);

        Assert.Equal("Reason", Assert.Throws<DomainException>(() => partner.Override(Stage.Hopeful, "  ", Day)).Field);
        partner.Override(Stage.Hopeful, " Signed a three-year deal ", Day);

        Assert.Equal((Stage.Hopeful, "Signed a three-year deal"), (partner.CurrentStage, partner.OverrideReason));
    }

    [Fact]
    public void Restating_with_no_history_left_clears_the_stage()
    {
        var partner = NewPartner();
        partner.RecordVerdict(TestData.Verdict(Stage.Soaring, momentum: 3), Day);

        var moved = partner.Restate(null, [], Day.AddDays(1));

        Assert.Null(moved);
        Assert.Equal(((Stage?)null, (DateOnly?)null, (double?)null, Stage.Soaring),
            (partner.CurrentStage, partner.LastAssessedOn, partner.LatestMomentum, partner.PreviousStage));
    }

    [Fact]
    public void Restating_to_another_stage_reports_a_voided_move()
    {
        var partner = NewPartner();
        partner.RecordVerdict(TestData.Verdict(Stage.Despair), Day);
        partner.RecordVerdict(TestData.Verdict(Stage.Soaring, momentum: 20), Day.AddMonths(1));

        var moved = partner.Restate(new StageStatus(Stage.Despair), [new StandingCheckIn(Day, Stage.Despair, 30, null)], Day.AddMonths(1).AddDays(1));

        Assert.Equal(new StageTransition(Stage.Soaring, Stage.Despair, StageChangeCause.Voided), moved);
        Assert.Equal((Stage.Despair, Day), (partner.CurrentStage, partner.LastAssessedOn));
    }
}
