using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartnerStages.Data.Bulk;

// What the bulk insert and the bulk update share: an entity's table and columns read from the EF
// model, and commands in the context's open transaction whose parameters are bound from an entity
// with the model's own value conversions and parameter types.
internal sealed class BulkTable
{
    private readonly PartnerStagesDbContext _db;
    private readonly ISqlGenerationHelper _sql;
    private readonly StoreObjectIdentifier _table;

    // table: another table with the entity's columns (a staging table) instead of the entity's own.
    public BulkTable(PartnerStagesDbContext db, Type entity, string? table = null)
    {
        _db = db;
        EntityType = db.Model.FindEntityType(entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not an entity of the model.");
        _table = StoreObjectIdentifier.Table(EntityType.GetTableName()!, EntityType.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        Name = table ?? _sql.DelimitIdentifier(_table.Name, _table.Schema);
        IsSqlite = db.Database.IsSqlite();
    }

    public IEntityType EntityType { get; }

    public bool IsSqlite { get; }

    public string Name { get; }

    public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_table)!);

    // A command in the context's current transaction; a bulk write outside one is refused.
    public DbCommand CreateCommand()
    {
        var transaction = Transaction;
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        return command;
    }

    // The connection of the context's current transaction, which a COPY joins.
    public DbConnection Connection => Transaction.Connection!;

    public DbTransaction Transaction => _db.Database.CurrentTransaction?.GetDbTransaction()
        ?? throw new InvalidOperationException("Bulk writes run inside a transaction: begin one on the context first.");

    // The entity's own properties and those of its complex types (stored in the same row).
    public static IEnumerable<IProperty> ScalarProperties(ITypeBase type)
    {
        foreach (var property in type.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is a shadow property, which a bulk write cannot read.");
            }

            yield return property;
        }

        foreach (var complex in type.GetComplexProperties())
        {
            foreach (var property in ScalarProperties(complex.ComplexType))
            {
                yield return property;
            }
        }
    }

    // The highest key an SQLite table has given out, as SQL: AUTOINCREMENT never reuses a key, even of a
    // deleted row, and sqlite_sequence remembers the highest. sequenceOf: the table whose sequence
    // counts (none for a staging table, whose keys count from 1).
    public static string HighestKeySql(string table, string key, string? sequenceOf) =>
        $"max(coalesce({(sequenceOf is null ? "0" : $"(SELECT seq FROM main.sqlite_sequence WHERE name = '{sequenceOf}')")}, 0), " +
        $"coalesce((SELECT max({key}) FROM {table}), 0))";

    // Sets a value the database chose (a generated key, a raised row version) on the entity, as SaveChanges would.
    public static void Store(IProperty property, object entity, object? value) =>
        property.PropertyInfo!.SetValue(entity, value is null || value.GetType() == property.ClrType ? value
            : Convert.ChangeType(value, property.ClrType, CultureInfo.InvariantCulture));
}

// One column of a bulk write: how its value is read from an entity, compared as EF compares it, and
// bound to a command's parameter.
internal sealed class BulkColumn(IProperty property)
{
    private readonly IClrPropertyGetter _getter = property.GetGetter();
    private readonly RelationalTypeMapping _mapping = property.GetRelationalTypeMapping();
    private readonly ValueComparer _comparer = property.GetValueComparer();

    // The converter's untyped delegate, looked up once rather than for every value.
    private readonly Func<object?, object?>? _toProvider = property.GetRelationalTypeMapping().Converter?.ConvertToProvider;

    public IProperty Property => property;

    public object? Read(object entity) => _getter.GetClrValueUsingContainingEntity(entity);

    // Values of these types cannot change in place, so the value read is its own snapshot.
    private readonly bool _immutable = property.ClrType.IsValueType || property.ClrType == typeof(string);

    // A copy of a value that a later change to the entity cannot alter (EF's own snapshot of a mutable one).
    public object? Snapshot(object? value) => _immutable ? value : _comparer.Snapshot(value);

    public bool Same(object? original, object? current) => _comparer.Equals(original, current);

    public DbParameter AddParameter(DbCommand command)
    {
        var parameter = _mapping.CreateParameter(command, $"@p{command.Parameters.Count}", null, property.IsNullable);
        command.Parameters.Add(parameter);
        return parameter;
    }

    // The type the database is given: the converter's provider type, else the property's own.
    public Type ProviderType => _mapping.Converter?.ProviderClrType ?? property.ClrType;

    public void Bind(DbParameter parameter, object? value) => parameter.Value = ToProvider(value) ?? DBNull.Value;

    // The last conversion of an enum is kept: a bulk write's rows share a few stages, areas and causes,
    // and converting each to its name again costs a string apiece. Enums only: their equality is the
    // value's, where a DateTime's, say, ignores its kind, which a converter may not.
    private readonly bool _remembersConversion = (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType).IsEnum;
    private object? _lastValue;
    private object? _lastConverted;

    // The value as the database is given it (the model's conversion applied), or null.
    public object? ToProvider(object? value)
    {
        if (value is null || _toProvider is null)
        {
            return value;
        }

        if (!_remembersConversion)
        {
            return _toProvider(value) ?? value;
        }

        if (!value.Equals(_lastValue))
        {
            _lastConverted = _toProvider(value) ?? value;
            _lastValue = value;
        }

        return _lastConverted;
    }
}
