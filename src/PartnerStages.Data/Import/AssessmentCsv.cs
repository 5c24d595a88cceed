using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Data.Import;

// The assessment file: one row per check-in, partners named as in the partner file. Facts may be
// empty (unknown); ratings are 1–5. Stage is informational: on import it must name a stage, but the
// verdict always comes from the rules service.
public static class AssessmentCsv
{
    public const string PartnerName = nameof(PartnerName);
    public const string AssessedOn = nameof(AssessedOn);
    public const string Evidence = nameof(Evidence);
    public const string Stage = nameof(Stage);

    public static IReadOnlyList<string> Facts { get; } =
    [
        nameof(AssessmentInputs.CapabilityScore), nameof(AssessmentInputs.CertifiedPeople), nameof(AssessmentInputs.NetCustomerAdds),
        nameof(AssessmentInputs.CoSellWins), nameof(AssessmentInputs.ActiveFieldContacts), nameof(AssessmentInputs.Awards),
    ];

    public static IReadOnlyList<string> Ratings { get; } =
    [
        nameof(AssessmentInputs.ProgrammeFluency), nameof(AssessmentInputs.DeliveryConfidence), nameof(AssessmentInputs.InvestmentConviction),
        nameof(AssessmentInputs.Agility), nameof(AssessmentInputs.GoalAlignment),
    ];

    public static IReadOnlyList<string> Required { get; } = [PartnerName, AssessedOn, .. Facts, .. Ratings];

    public static IReadOnlyList<string> Optional { get; } = [Evidence, Stage];

    public static IReadOnlyList<string> Exported { get; } = [.. Required, .. Optional];

    private static readonly CsvChoices<Core.Stage> Stages = new("stage", s => s.DisplayName());

    public static AssessmentLine? Parse(SheetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var partner = row.Text(PartnerName, Partner.NameMaxLength, required: true);
        var on = row.Date(AssessedOn, required: true);
        var facts = Facts.Select(f => row.WholeNumber(f)).ToArray();
        var ratings = Ratings.Select(r => row.WholeNumber(r, required: true)).ToArray();
        var evidence = row.Text(Evidence, Assessment.EvidenceMaxLength);
        if (row.Has(Stage))
        {
            row.Choice(Stage, Stages, required: false);
        }

        if (row.HasProblems)
        {
            return null;
        }

        var inputs = new AssessmentInputs
        {
            CapabilityScore = facts[0], CertifiedPeople = facts[1], NetCustomerAdds = facts[2],
            CoSellWins = facts[3], ActiveFieldContacts = facts[4], Awards = facts[5],
            ProgrammeFluency = ratings[0]!.Value, DeliveryConfidence = ratings[1]!.Value, InvestmentConviction = ratings[2]!.Value,
            Agility = ratings[3]!.Value, GoalAlignment = ratings[4]!.Value,
        };

        // The same range checks and words as the assessment form; the field names are the column names.
        foreach (var error in AssessmentValidation.Validate(inputs))
        {
            row.Problem(error.Field, error.Message);
        }

        return row.HasProblems ? null : new AssessmentLine(row.Number, partner!, on!.Value, inputs, evidence);
    }

    public static async Task WriteAsync(Stream stream, IAsyncEnumerable<AssessmentExportRow> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvFormat.CreateWriter(stream);
        await CsvFormat.WriteHeaderAsync(csv, Exported, cancellationToken);
        await foreach (var a in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField((a.PartnerName));
            csv.WriteField(a.AssessedOn, CsvFormat.DateFormat);
            WriteInputs(csv, a.Inputs);
            csv.WriteField((a.Evidence));
            csv.WriteField(a.Stage.DisplayName());
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteTemplateAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvFormat.CreateWriter(stream);
        await CsvFormat.WriteHeaderAsync(csv, Exported, cancellationToken);
        csv.WriteField("Contoso Consulting");
        csv.WriteField("2026-03-31");
        WriteInputs(csv, new AssessmentInputs
        {
            CapabilityScore = 62, CertifiedPeople = 4, NetCustomerAdds = 3, CoSellWins = 1, ActiveFieldContacts = 2, Awards = null,
            ProgrammeFluency = 4, DeliveryConfidence = 3, InvestmentConviction = 4, Agility = 3, GoalAlignment = 3,
        });
        csv.WriteField("Quarterly check-in with the partner's sales lead.");
        csv.WriteField("");
        await csv.EndRecordAsync(cancellationToken);
        await csv.FlushAsync(cancellationToken);
    }

    // Numbers are written as numbers: only text cells get the formula guard, so "-3" stays a number.
    private static void WriteInputs(CsvHelper.CsvWriter csv, AssessmentInputs i)
    {
        foreach (var value in new int?[] { i.CapabilityScore, i.CertifiedPeople, i.NetCustomerAdds, i.CoSellWins, i.ActiveFieldContacts, i.Awards,
            i.ProgrammeFluency, i.DeliveryConfidence, i.InvestmentConviction, i.Agility, i.GoalAlignment })
        {
            csv.WriteField(value, default);
        }
    }
}

public sealed record AssessmentLine(int Row, string PartnerName, DateOnly AssessedOn, AssessmentInputs Inputs, string? Evidence);

public sealed record AssessmentExportRow(string PartnerName, DateOnly AssessedOn, AssessmentInputs Inputs, string? Evidence, Stage Stage);
