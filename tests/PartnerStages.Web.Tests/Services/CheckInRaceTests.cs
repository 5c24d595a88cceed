using Microsoft.EntityFrameworkCore;
using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data;
using PartnerStages.Data.Assessments;
using PartnerStages.Data.Partners;

namespace PartnerStages.Web.Tests.Services;

// A check-in is judged on the history as it stands when it is saved, never on a reading someone
// else's check-in has overtaken.
public sealed class CheckInRaceTests : ServiceTestBase
{
    private PartnerService Partners => Get<PartnerService>();
    private AssessmentService Assessments => Get<AssessmentService>();

    [Fact]
    public async Task A_check_in_on_a_stale_reading_is_refused_even_when_it_would_change_no_column()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        await RecordAsync(id, (await Partners.GetAsync(id))!.RowVersion);
        var stale = (await Partners.GetAsync(id))!.RowVersion;

        // Same inputs, same day: the partner's columns end as they were, so only the row version can tell.
        await RecordAsync(id, stale);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => RecordAsync(id, stale));
        await using var db = Database.CreateContext();
        Assert.Equal(2, await db.Assessments.CountAsync());
    }

    [Fact]
    public async Task Eight_racing_recorders_leave_every_verdict_and_the_stage_as_a_replay_in_order_gives()
    {
        var id = await Partners.CreateAsync(TestData.Manager, TestData.Partner());
        AssessmentInputs[] cycle = [TestData.SoaringInputs, TestData.SoaringInputs, TestData.Inputs(agility: 2), TestData.Inputs(),
            TestData.DespairInputs, TestData.Inputs(agility: 1), TestData.SoaringInputs, TestData.DenialInputs];

        // Each recorder re-reads and retries on a conflict, as a person reloading the form would.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(recorder => Task.Run(async () =>
        {
            for (var round = 0; round < 4; round++)
            {
                var inputs = cycle[(recorder + round) % cycle.Length];
                while (true)
                {
                    try
                    {
                        await Assessments.RecordAsync(TestData.Manager, id, inputs, TestData.Today, null, (await Partners.GetAsync(id))!.RowVersion);
                        break;
                    }
                    catch (ConcurrencyConflictException)
                    {
                    }
                }
            }
        })));

        await using var db = Database.CreateContext();
        var stored = await db.Assessments.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var partner = await db.Partners.AsNoTracking().SingleAsync(p => p.Id == id);
        Assert.Equal(32, stored.Count);

        var history = PartnerHistory.FirstAssessment(partner.JoinedProgrammeOn, TestData.Today);
        StageStatus? status = null;
        foreach (var checkIn in stored)
        {
            var verdict = StageClassifier.Explain(checkIn.Inputs, history, RuleSet.Default);
            Assert.Equal(verdict.Stage, checkIn.Verdict.Stage);
            status = StageStatus.Judge(status, verdict.Stage).Status;
            history = history.Next(verdict.Stage, verdict.MaturityIndex, TestData.Today);
        }

        Assert.Equal(status, partner.Status);
    }

    private Task<RecordedAssessment> RecordAsync(int id, int rowVersion) =>
        Assessments.RecordAsync(TestData.Manager, id, TestData.Inputs(), TestData.Today, null, rowVersion);
}
