using Microsoft.EntityFrameworkCore;
using PartnerStages.Core.Accounts;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Rules;

public sealed record TracePartnerOption(int Id, string Name);

public sealed record PartnerTraceView(int PartnerId, string Name, RuleSet Active, IReadOnlyList<TraceRow> Rows);

// The rules lab's one-partner trace: pick a partner by name, replay its whole history under the
// active version and a draft (PartnerTrace). Administrators only, like every part of the lab.
public sealed class PartnerTraceService(IDbContextFactory<PartnerStagesDbContext> contextFactory, RuleSetStore store)
{
    public const int OptionsAtMost = 20;

    public async Task<IReadOnlyList<TracePartnerOption>> FindPartnersAsync(Actor actor, string? text, CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var partners = db.Partners.AsNoTracking().Where(p => !p.IsArchived);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = Partner.Normalize(text);
            partners = partners.Where(p => p.NormalizedName.Contains(term));
        }

        return await partners.OrderBy(p => p.NormalizedName).Take(OptionsAtMost)
            .Select(p => new TracePartnerOption(p.Id, p.Name)).ToListAsync(cancellationToken);
    }

    public async Task<PartnerTraceView> TraceAsync(Actor actor, int partnerId, RuleSet draft, CancellationToken cancellationToken = default)
    {
        RuleSetService.EnsureAdministrator(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var active = await store.GetActiveAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var name = await db.Partners.AsNoTracking().Where(p => p.Id == partnerId && !p.IsArchived).Select(p => p.Name)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("This partner does not exist or is archived.");
        var record = (await PartnerRecords.LoadAsync(db, [partnerId], cancellationToken)).Single();
        return new PartnerTraceView(partnerId, name, active, PartnerTrace.Of(record, active, draft));
    }
}
