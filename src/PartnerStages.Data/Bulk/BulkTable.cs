using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PartnerStages.Data.Bulk;

// What the bulk insert and the bulk update share: an entity's table and columns read from the EF
// model, and one command in the context's open transaction whose parameters are bound from an
// entity with the model's own value conversions and parameter types.
internal sealed class BulkTable
{
    private readonly ISqlGenerationHelper _sql;
    private readonly StoreObjectIdentifier _table;

    // table: another table with the entity's columns (a staging table) instead of the entity's own.
    public BulkTable(PartnerStagesDbContext db, Type entity, string? table = null)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk writes run inside a transaction: begin one on the context first.");
        EntityType = db.Model.FindEntityType(entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not an entity of the model.");
        _table = StoreObjectIdentifier.Table(EntityType.GetTableName()!, EntityType.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        Name = table ?? _sql.DelimitIdentifier(_table.Name, _table.Schema);
        Command = transaction.Connection!.CreateCommand();
        Command.Transaction = transaction;
        IsSqlite = db.Database.IsSqlite();
    }

    public IEntityType EntityType { get; }

    public DbCommand Command { get; }

    public bool IsSqlite { get; }

    public string Name { get; }

    public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_table)!);

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

    // Sets a value the database chose (a generated key, a raised row version) on the entity, as SaveChanges would.
    public static void Store(IProperty property, object entity, object? value) =>
        property.PropertyInfo!.SetValue(entity, Convert.ChangeType(value, property.ClrType, CultureInfo.InvariantCulture));

    public BulkParameter Parameter(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        var parameter = mapping.CreateParameter(Command, $"@p{Command.Parameters.Count}", null, property.IsNullable);
        Command.Parameters.Add(parameter);
        return new BulkParameter(property, parameter, property.GetGetter(), mapping.Converter);
    }
}

internal sealed record BulkParameter(IProperty Property, DbParameter Parameter, IClrPropertyGetter Getter, ValueConverter? Converter)
{
    // The converter's untyped delegate, looked up once rather than for every value.
    private readonly Func<object?, object?>? _toProvider = Converter?.ConvertToProvider;

    public string Name => Parameter.ParameterName;

    public object? Bind(object entity)
    {
        var value = Getter.GetClrValueUsingContainingEntity(entity);
        Parameter.Value = value is null ? DBNull.Value : _toProvider?.Invoke(value) ?? value;
        return value;
    }
}
