using PartnerStages.Core.Audit;

namespace PartnerStages.Core.Tests.Audit;

public sealed class AuditStatesTests
{
    [Fact]
    public void Only_the_fields_that_changed_are_listed_with_both_values()
    {
        var changes = AuditStates.Read(
            """{"Name":"Contoso","Region":"EMEA","Notes":null}""",
            """{"Name":"Contoso","Region":"Benelux","Notes":null}""");

        var region = Assert.Single(changes.Fields);
        Assert.True(changes.IsReadable);
        Assert.Equal(new AuditFieldChange("Region", "Region", new(AuditValueKind.Text, "EMEA"), new(AuditValueKind.Text, "Benelux")), region);
    }

    [Fact]
    public void Escaped_characters_read_as_the_characters_they_stand_for()
    {
        // System.Text.Json writes <, >, & and non-ASCII letters escaped.
        var changes = AuditStates.Read("""{"Notes":"a \u003C b"}""", """{"Notes":"Caf\u00E9 \u0026 \u003Cb\u003E"}""");

        var notes = Assert.Single(changes.Fields);
        Assert.Equal("a < b", notes.Before!.Text);
        Assert.Equal("Café & <b>", notes.After!.Text);
    }

    [Fact]
    public void A_field_only_after_is_added_and_one_only_before_is_removed()
    {
        var changes = AuditStates.Read("""{"Email":"old@example.com"}""", """{"Role":"Executive"}""");

        Assert.Collection(changes.Fields,
            email => Assert.Equal(("Email", "old@example.com", (AuditValue?)null), (email.Field, email.Before!.Text, email.After)),
            role => Assert.Equal(("Role", (AuditValue?)null, "Executive"), (role.Field, role.Before, role.After!.Text)));
    }

    [Fact]
    public void A_creation_lists_every_field_that_has_a_value()
    {
        var changes = AuditStates.Read(null, """{"Name":"Contoso","Notes":null,"Tags":[]}""");

        var name = Assert.Single(changes.Fields);
        Assert.Equal(("Name", null, "Contoso"), (name.Field, name.Before?.Text, name.After!.Text));
    }

    [Fact]
    public void Nested_values_are_compared_by_their_path()
    {
        var changes = AuditStates.Read(
            """{"Soaring":{"MaturityIndexAtLeast":80,"CoSellWinsAtLeast":3},"Version":2}""",
            """{"Soaring":{"MaturityIndexAtLeast":85,"CoSellWinsAtLeast":3},"Version":2}""");

        var bar = Assert.Single(changes.Fields);
        Assert.Equal("Soaring.MaturityIndexAtLeast", bar.Field);
        Assert.Equal("Soaring › Maturity index at least", bar.Label);
        Assert.Equal(new AuditValue(AuditValueKind.Number, "80"), bar.Before);
        Assert.Equal(new AuditValue(AuditValueKind.Number, "85"), bar.After);
    }

    [Fact]
    public void A_nested_object_on_one_side_only_lists_each_of_its_values()
    {
        var changes = AuditStates.Read("""{"Weights":null}""", """{"Weights":{"Fluency":2,"Agility":1}}""");

        Assert.Equal(["Weights.Fluency", "Weights.Agility"], changes.Fields.Select(f => f.Field));
        Assert.All(changes.Fields, f => Assert.Null(f.Before));
    }

    [Fact]
    public void Dates_instants_user_ids_and_yes_no_are_told_apart_for_the_page_to_format()
    {
        var changes = AuditStates.Read(null,
            """{"JoinedProgrammeOn":"2024-01-15","PublishedAtUtc":"2026-11-26T09:30:00Z","OwnerId":"3f2a-user","IsArchived":true}""");

        Assert.Equal(
            [
                ("Joined programme", AuditValueKind.Date, "2024-01-15"),
                ("Published at", AuditValueKind.Instant, "2026-11-26T09:30:00Z"),
                ("Owner", AuditValueKind.User, "3f2a-user"),
                ("Archived", AuditValueKind.YesNo, "Yes"),
            ],
            changes.Fields.Select(f => (f.Label, f.After!.Kind, f.After.Text)));
        Assert.Equal(["3f2a-user"], changes.UserIds);
    }

    [Fact]
    public void Stored_code_names_of_stages_areas_and_roles_read_as_the_app_names_them()
    {
        var changes = AuditStates.Read(
            """{"CurrentStage":"Despair","SolutionArea":"DataAndAi","Roles":["Executive"]}""",
            """{"CurrentStage":"Hopeful","SolutionArea":"ModernWork","Roles":["ChannelManager"]}""");

        Assert.Equal(
            [("Stage", "Despair", "Hopeful Performance"), ("Solution area", "Data & AI", "Modern Work"), ("Roles", "Executive", "Channel manager")],
            changes.Fields.Select(f => (f.Label, f.Before!.Text, f.After!.Text)));
    }

    [Fact]
    public void A_code_name_the_app_does_not_know_is_shown_as_stored()
    {
        var change = Assert.Single(AuditStates.Read("""{"CurrentStage":"Bliss"}""", null).Fields);

        Assert.Equal("Bliss", change.Before!.Text);
    }

    [Theory]
    [InlineData("not json at all", "not json at all")]
    [InlineData("""{"Name": "cut off""", """{"Name": "cut off""")]
    [InlineData("\"a \\u003C b\"", "a < b")]
    [InlineData("[1,2]", "[1,2]")]
    public void Text_that_is_not_a_JSON_object_is_shown_readably_and_nothing_throws(string stored, string shown)
    {
        var changes = AuditStates.Read(stored, """{"Name":"Contoso"}""");

        Assert.False(changes.IsReadable);
        Assert.Empty(changes.Fields);
        Assert.Equal(shown, changes.RawBefore);
        Assert.Equal("""{"Name":"Contoso"}""", changes.RawAfter);
    }

    [Fact]
    public void No_state_on_either_side_is_no_change()
    {
        var changes = AuditStates.Read(null, null);

        Assert.True(changes.IsReadable);
        Assert.Empty(changes.Fields);
    }

    [Theory]
    [InlineData("SolutionArea", "Solution area")]
    [InlineData("MustChangePassword", "Must change password")]
    [InlineData("NetCustomerAdds", "Net customer adds")]
    [InlineData("Disabled", "Disabled")]
    public void Field_names_read_as_words(string field, string label) => Assert.Equal(label, AuditStates.Label(field));
}
