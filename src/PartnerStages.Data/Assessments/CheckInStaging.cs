using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PartnerStages.Data.Bulk;

namespace PartnerStages.Data.Assessments;

// The judged check-ins of a long import, held on the import's own connection in TEMP tables until
// one short transaction copies them in. TEMP tables live in a file of their own, so writing them
// takes no lock on the database: other users' saves go on meanwhile, readers never see a part of
// the import, and a crash loses only the staging. The copy is SQLite's own INSERT ... SELECT, a small
// part of what writing the rows one by one costs (issue 12).
public sealed class CheckInStaging : IAsyncDisposable
{
    private const string Assessments = "temp.ImportedAssessments";
    private const string Changes = "temp.ImportedStageChanges";

    private readonly PartnerStagesDbContext _db;
    private SqliteTransaction? _connectionTransaction;
    private IDbContextTransaction? _transaction;

    private CheckInStaging(PartnerStagesDbContext db) => _db = db;

    public AssessmentBulkWriter Writer { get; private set; } = default!;

    // Empty staging tables with the columns of the real ones, in their order, and a writer into them.
    public static async Task<CheckInStaging> BeginAsync(PartnerStagesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staging = new CheckInStaging(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await staging.DropAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE ImportedAssessments AS SELECT * FROM main.Assessments WHERE 0; " +
            "CREATE TEMP TABLE ImportedStageChanges AS SELECT * FROM main.StageChanges WHERE 0;", cancellationToken);

        // Deferred: it only ever writes the TEMP tables, so it never asks for the database's write lock.
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        staging._connectionTransaction = connection.BeginTransaction(deferred: true);
        staging._transaction = await db.Database.UseTransactionAsync(staging._connectionTransaction, cancellationToken);
        staging.Writer = new AssessmentBulkWriter(db, Assessments, Changes);
        return staging;
    }

    public async Task EndWritingAsync(CancellationToken cancellationToken)
    {
        await Writer.FlushAsync(cancellationToken);
        await Writer.DisposeAsync();
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        await _connectionTransaction!.DisposeAsync();
        _transaction = null;
    }

    // Inside the caller's write transaction: the staged rows land in one statement per table, with
    // keys after the highest the tables have given out (the staging counted from 1; AUTOINCREMENT never
    // gives a key out twice, even of a deleted row, and sqlite_sequence holds the highest). The keys
    // are shifted as the rows are copied, so the staged rows are read once and never rewritten.
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var assessments = await HighestKeyAsync("Assessments", cancellationToken);
        var changes = await HighestKeyAsync("StageChanges", cancellationToken);
        await CopyAsync(Assessments, "Assessments", new() { ["Id"] = assessments }, cancellationToken);
        await CopyAsync(Changes, "StageChanges", new() { ["Id"] = changes, ["AssessmentId"] = assessments }, cancellationToken);
    }

    // Table and column names below are this class's own constants and the database's own column names.
    private async Task<long> HighestKeyAsync(string table, CancellationToken cancellationToken)
    {
        var highest = $"SELECT {BulkTable.HighestKeySql($"main.{table}", "Id", table)} AS Value";
        return await _db.Database.SqlQueryRaw<long>(highest).SingleAsync(cancellationToken);
    }

    private async Task CopyAsync(string staged, string table, Dictionary<string, long> shifts, CancellationToken cancellationToken)
    {
        var columns = await _db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table}, 'main') ORDER BY cid")
            .ToListAsync(cancellationToken);
        var names = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => shifts.TryGetValue(c, out var shift) ? $"\"{c}\" + {shift}" : $"\"{c}\""));
        var copy = $"INSERT INTO main.{table} ({names}) SELECT {values} FROM {staged}";
        await _db.Database.ExecuteSqlRawAsync(copy, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await Writer.DisposeAsync();
            await _transaction.DisposeAsync();
            await _connectionTransaction!.DisposeAsync();
        }

        // The connection goes back to the pool, and TEMP tables would go with it.
        await DropAsync(CancellationToken.None);
        await _db.Database.CloseConnectionAsync();
    }

    private Task<int> DropAsync(CancellationToken cancellationToken) => _db.Database.ExecuteSqlRawAsync(
        "DROP TABLE IF EXISTS temp.ImportedAssessments; DROP TABLE IF EXISTS temp.ImportedStageChanges;", cancellationToken);
}
