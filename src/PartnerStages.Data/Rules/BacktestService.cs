using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

// The rules lab's backtest over the whole recorded history of every active partner (Backtest).
// Administrators only; reads the portfolio once, replays in memory.
public sealed class BacktestService(IDbContextFactory<PartnerStagesDbContext> contextFactory, TimeProvider clock)
{
    public async Task<BacktestResult> RunAsync(Actor actor, RuleSet draft, CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partners = await PartnerRecords.LoadAsync(db, partnerIds: null, cancellationToken);
        return Backtest.Run(partners, draft, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }
}
