using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerStages.Data;

// An EF compiled query belongs to the model it was compiled against, and a process can hold two: the
// browser tests run SQLite hosts beside the scale-out tests' PostgreSQL ones ("executed with a different
// model than it was compiled against"). One compiled query per model, made on first use.
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext db) =>
        _compiled.TryGetValue(db.Model, out var query) ? query : _compiled.GetValue(db.Model, _ => compile());
}
