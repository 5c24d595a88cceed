using System.Text.RegularExpressions;
using PartnerStages.Core.Audit;

namespace PartnerStages.Core.Tests.Audit;

public sealed partial class AuditWordsTests
{
    public static TheoryData<AuditAction> Kinds() => new(Enum.GetValues<AuditAction>());

    // A new kind fails here until it has words (the switch throws for one it does not know).
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_reads_as_words_not_as_a_code_name(AuditAction action)
    {
        var words = AuditWords.For(action);

        Assert.DoesNotMatch(CodeName(), words);
        Assert.True(char.IsUpper(words[0]), words);
    }

    [Fact]
    public void A_failed_sign_in_reads_as_a_person_says_it() =>
        Assert.Equal("Sign-in failed", AuditWords.For(AuditAction.SignInFailed));

    // Two capitals inside one word: "SignInFailed", "RoleChanged".
    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CodeName();
}
