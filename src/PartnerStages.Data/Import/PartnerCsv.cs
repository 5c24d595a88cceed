using System.Globalization;
using CsvHelper;
using PartnerStages.Core;
using PartnerStages.Core.Partners;

namespace PartnerStages.Data.Import;

// The partner file: one row per partner, matched to existing partners by name (ignoring case).
// Stage and LastAssessedOn are written for reading only; an import ignores them, because stages
// come from assessments.
public static class PartnerCsv
{
    public const string Name = nameof(Name);
    public const string Region = nameof(Region);
    public const string SolutionArea = nameof(SolutionArea);
    public const string ProgrammeLevel = nameof(ProgrammeLevel);
    public const string JoinedProgrammeOn = nameof(JoinedProgrammeOn);
    public const string OwnerEmail = nameof(OwnerEmail);
    public const string Notes = nameof(Notes);
    public const string Archived = nameof(Archived);
    public const string Stage = nameof(Stage);
    public const string LastAssessedOn = nameof(LastAssessedOn);

    public static IReadOnlyList<string> Required { get; } = [Name, Region, SolutionArea, ProgrammeLevel, JoinedProgrammeOn, OwnerEmail];

    public static IReadOnlyList<string> Optional { get; } = [Notes, Archived];

    public static IReadOnlyList<string> Exported { get; } = [.. Required, .. Optional, Stage, LastAssessedOn];

    private static readonly CsvChoices<Core.Partners.SolutionArea> Areas = new("solution area", a => a.DisplayName());
    private static readonly CsvChoices<Core.Partners.ProgrammeLevel> Levels = new("programme level", l => l.DisplayName());

    public static PartnerLine? Parse(SheetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = row.Text(Name, Partner.NameMaxLength, required: true);
        var region = row.Text(Region, Partner.RegionMaxLength, required: true);
        var area = row.Choice(SolutionArea, Areas);
        var level = row.Choice(ProgrammeLevel, Levels);
        var joined = row.Date(JoinedProgrammeOn, required: true);
        var owner = row.Text(OwnerEmail, 256, required: true);
        var notes = row.Text(Notes, Partner.NotesMaxLength);
        var archived = row.Flag(Archived);
        return row.HasProblems
            ? null
            : new PartnerLine(row.Number, name!, region!, area!.Value, level!.Value, joined!.Value, owner!, notes, archived!.Value);
    }

    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<PartnerExportRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvFormat.CreateWriter(stream);
        await CsvFormat.WriteHeaderAsync(csv, Exported, cancellationToken);
        await foreach (var p in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField((p.Name));
            csv.WriteField((p.Region));
            csv.WriteField(p.SolutionArea.DisplayName());
            csv.WriteField(p.ProgrammeLevel.DisplayName());
            csv.WriteField(p.JoinedProgrammeOn, CsvFormat.DateFormat);
            csv.WriteField((p.OwnerEmail));
            csv.WriteField((p.Notes));
            csv.WriteField(p.IsArchived ? "true" : "false");
            csv.WriteField(p.CurrentStage?.DisplayName() ?? "");
            csv.WriteField(p.LastAssessedOn, CsvFormat.DateFormat);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteTemplateAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvFormat.CreateWriter(stream);
        await CsvFormat.WriteHeaderAsync(csv, [.. Required, .. Optional], cancellationToken);
        foreach (var field in new[] { "Contoso Consulting", "EMEA", Core.Partners.SolutionArea.DataAndAi.DisplayName(),
            Core.Partners.ProgrammeLevel.SolutionsPartner.DisplayName(), "2024-01-15", "manager@example.com", "Met at the partner summit.", "false" })
        {
            csv.WriteField(field);
        }

        await csv.EndRecordAsync(cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }
}

public sealed record PartnerLine(int Row, string Name, string Region, SolutionArea SolutionArea, ProgrammeLevel ProgrammeLevel,
    DateOnly JoinedProgrammeOn, string OwnerEmail, string? Notes, bool Archived)
{
    public string NormalizedName => Partner.Normalize(Name);
}

public sealed record PartnerExportRow(string Name, string Region, SolutionArea SolutionArea, ProgrammeLevel ProgrammeLevel,
    DateOnly JoinedProgrammeOn, string OwnerEmail, string? Notes, bool IsArchived, Stage? CurrentStage, DateOnly? LastAssessedOn);
