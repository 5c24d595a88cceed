using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PartnerStages.Data;

// A query compiled once (EF.CompileAsyncQuery) for each model it runs on. EF binds a compiled query to
// the first model it meets, and one process can hold several: SQLite's and PostgreSQL's side by side
// (the scale-out tests beside the others, the benchmarks), each with a model of its own.
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
