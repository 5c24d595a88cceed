using PartnerStages.Core.Assessments;
using PartnerStages.Core.Rules;
using PartnerStages.Data.Bulk;

namespace PartnerStages.Data.Assessments;

// Writes many judged check-ins at once (the CSV import, the sample portfolio), inside the caller's
// transaction: each assessment, then the stage change it caused, pointing at it and made by the
// same person at the same moment. The tables can be staging tables with the same columns (CheckInStaging).
public sealed class AssessmentBulkWriter : IAsyncDisposable
{
    private readonly BulkInsert<Assessment> _assessments;
    private readonly BulkInsert<StageChange> _changes;

    public AssessmentBulkWriter(PartnerStagesDbContext db, string? assessmentsTable = null, string? changesTable = null)
    {
        _assessments = new BulkInsert<Assessment>(db, assessmentsTable);
        _changes = new BulkInsert<StageChange>(db, changesTable, writeFirst: _assessments.FlushAsync);
    }

    public async Task AddAsync(Assessment assessment, StageTransition? change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        await _assessments.AddAsync(assessment, cancellationToken);
        if (change is not null)
        {
            await _changes.AddAsync(new StageChange(assessment.PartnerId, change.From, change.To, assessment.AssessedOn, change.Cause,
                assessment.Id, assessment.AssessorId, null, assessment.RecordedAtUtc), cancellationToken);
        }
    }

    // Writes the rows still held (BulkInsert.FlushAsync); before the transaction commits.
    public Task FlushAsync(CancellationToken cancellationToken = default) => _changes.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _assessments.DisposeAsync();
        await _changes.DisposeAsync();
    }
}
