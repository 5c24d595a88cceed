namespace PartnerStages.Data.Import;

public enum ImportKind
{
    Partners,
    Assessments,
}

// What to do with a row naming a partner that already exists (matched by name, ignoring case).
public enum ExistingPartnerChoice
{
    Update,
    Skip,
}

// Row is the row number a spreadsheet shows (1 is the header); 0 means the file as a whole.
public sealed record ImportProblem(int Row, string Column, string Message)
{
    public override string ToString() => Row == 0 ? Message
        : string.IsNullOrEmpty(Column) ? $"Row {Row}: {Message}"
        : $"Row {Row}, column {Column}: {Message}";
}

public sealed record ImportProgress(string Phase, double Fraction);

// The preview (and, after a commit, the result): every problem found, or what the import does.
public sealed record ImportReport(ImportKind Kind, int Rows, IReadOnlyList<ImportProblem> Problems, int MoreProblems = 0)
{
    public int NewPartners { get; init; }
    public int UpdatedPartners { get; init; }
    public int SkippedPartners { get; init; }
    public int Assessments { get; init; }
    public int AssessedPartners { get; init; }
    public bool Committed { get; init; }

    public int ProblemCount => Problems.Count + MoreProblems;

    public bool CanImport => ProblemCount == 0 && Rows > 0;

    public static ImportReport Failed(ImportKind kind, ImportProblem problem) => new(kind, 0, [problem]);
}
