using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;

namespace PartnerStages.Core.Tests.Rules;

public class StageStatusTests
{
    [Fact]
    public void A_first_verdict_sets_the_stage()
    {
        var update = StageStatus.Start(Stage.Despair);
        Assert.Equal(new StageStatus(Stage.Despair), update.Status);
        Assert.Equal(new StageTransition(null, Stage.Despair, StageChangeCause.Rules), update.Change);
    }

    [Fact]
    public void The_same_verdict_changes_nothing()
    {
        var update = new StageStatus(Stage.Hopeful).Apply(Stage.Hopeful);
        Assert.Equal((StageOutcome.Unchanged, (StageTransition?)null), (update.Outcome, update.Change));
    }

    [Theory]
    [InlineData(Stage.Denial, Stage.Despair)]
    [InlineData(Stage.Despair, Stage.Hopeful)]
    [InlineData(Stage.Plateau, Stage.Hopeful)]
    [InlineData(Stage.Plateau, Stage.Soaring)]
    [InlineData(Stage.Hopeful, Stage.Soaring)]
    public void An_improvement_applies_at_once(Stage current, Stage verdict)
    {
        var update = new StageStatus(current, Pending: Stage.Denial).Apply(verdict);
        Assert.Equal(new StageStatus(verdict), update.Status);
        Assert.Equal(StageOutcome.Improved, update.Outcome);
        Assert.Equal(new StageTransition(current, verdict, StageChangeCause.Rules), update.Change);
    }

    [Theory]
    [InlineData(Stage.Soaring, Stage.Plateau)]
    [InlineData(Stage.Hopeful, Stage.Plateau)]
    [InlineData(Stage.Hopeful, Stage.Despair)]
    [InlineData(Stage.Despair, Stage.Denial)]
    public void A_regression_waits_as_pending(Stage current, Stage verdict)
    {
        var update = new StageStatus(current).Apply(verdict);
        Assert.Equal(new StageStatus(current, verdict), update.Status);
        Assert.Equal(StageOutcome.RegressionPending, update.Outcome);
        Assert.Null(update.Change);
    }

    [Fact]
    public void The_next_assessment_repeating_a_regression_confirms_it()
    {
        var update = new StageStatus(Stage.Soaring, Stage.Plateau).Apply(Stage.Plateau);
        Assert.Equal(new StageStatus(Stage.Plateau), update.Status);
        Assert.Equal(StageOutcome.RegressionConfirmedByRepeat, update.Outcome);
        Assert.Equal(new StageTransition(Stage.Soaring, Stage.Plateau, StageChangeCause.ConfirmedRegression), update.Change);
    }

    [Fact]
    public void A_different_regression_replaces_the_pending_one()
    {
        var update = new StageStatus(Stage.Hopeful, Stage.Despair).Apply(Stage.Denial);
        Assert.Equal(new StageStatus(Stage.Hopeful, Stage.Denial), update.Status);
        Assert.Equal(StageOutcome.RegressionPending, update.Outcome);
    }

    [Fact]
    public void A_verdict_back_at_the_current_stage_drops_the_pending_regression() =>
        Assert.Equal(new StageStatus(Stage.Hopeful), new StageStatus(Stage.Hopeful, Stage.Despair).Apply(Stage.Hopeful).Status);

    [Fact]
    public void The_owner_can_confirm_a_pending_regression()
    {
        var update = new StageStatus(Stage.Hopeful, Stage.Despair).ConfirmPending();
        Assert.Equal(new StageStatus(Stage.Despair), update.Status);
        Assert.Equal(StageOutcome.RegressionConfirmed, update.Outcome);
        Assert.Equal(new StageTransition(Stage.Hopeful, Stage.Despair, StageChangeCause.ConfirmedRegression), update.Change);
    }

    [Fact]
    public void The_owner_can_dismiss_a_pending_regression()
    {
        var update = new StageStatus(Stage.Hopeful, Stage.Despair).DismissPending();
        Assert.Equal(new StageStatus(Stage.Hopeful), update.Status);
        Assert.Equal((StageOutcome.RegressionDismissed, (StageTransition?)null), (update.Outcome, update.Change));
    }

    [Fact]
    public void Confirming_or_dismissing_needs_a_pending_regression()
    {
        Assert.Throws<InvalidOperationException>(() => new StageStatus(Stage.Hopeful).ConfirmPending());
        Assert.Throws<InvalidOperationException>(() => new StageStatus(Stage.Hopeful).DismissPending());
    }

    [Fact]
    public void An_override_sets_the_stage_with_its_reason()
    {
        var update = new StageStatus(Stage.Hopeful, Stage.Despair).OverrideWith(Stage.Soaring, "  Won the partner of the year award.  ");
        Assert.Equal(new StageStatus(Stage.Soaring, null, new StageOverride(Stage.Soaring, "Won the partner of the year award.")), update.Status);
        Assert.Equal(StageOutcome.Overridden, update.Outcome);
        Assert.Equal(new StageTransition(Stage.Hopeful, Stage.Soaring, StageChangeCause.Override), update.Change);
    }

    [Fact]
    public void An_override_to_the_current_stage_records_the_reason_as_a_change_that_keeps_the_stage()
    {
        var update = new StageStatus(Stage.Hopeful, Stage.Despair).OverrideWith(Stage.Hopeful, "Delivery doubts were one bad project.");
        Assert.Equal(new StageOverride(Stage.Hopeful, "Delivery doubts were one bad project."), update.Status.Override);
        Assert.Null(update.Status.Pending);
        Assert.Equal(new StageTransition(Stage.Hopeful, Stage.Hopeful, StageChangeCause.Override), update.Change);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_override_needs_a_reason(string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new StageStatus(Stage.Hopeful).OverrideWith(Stage.Soaring, reason));
        Assert.StartsWith("A reason is required to override the stage.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_next_verdict_ends_an_override_and_is_judged_against_the_overridden_stage()
    {
        var overridden = new StageStatus(Stage.Soaring, null, new StageOverride(Stage.Soaring, "Strategic account."));

        var update = overridden.Apply(Stage.Hopeful);

        Assert.Equal(new StageStatus(Stage.Soaring, Stage.Hopeful), update.Status);
        Assert.Null(overridden.Apply(Stage.Soaring).Status.Override);
    }
}
