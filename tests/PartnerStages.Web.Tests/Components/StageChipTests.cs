using Bunit;
using PartnerStages.Core;
using PartnerStages.Web.Components.Shared;

namespace PartnerStages.Web.Tests.Components;

public sealed class StageChipTests : ComponentTestBase
{
    [Theory]
    [InlineData(Stage.Denial, "Denial", "#546E7A")]
    [InlineData(Stage.Despair, "Despair", "#C62828")]
    [InlineData(Stage.Hopeful, "Hopeful Performance", "#1565C0")]
    [InlineData(Stage.Soaring, "Soaring Execution", "#2E7D32")]
    [InlineData(Stage.Plateau, "Devolution / Plateau", "#F9A825")]
    public void A_chip_shows_the_stage_name_in_its_colour(Stage stage, string name, string colour)
    {
        var chip = Render<StageChip>(p => p.Add(c => c.Stage, stage));

        var element = chip.Find($"[data-stage='{stage}']");
        Assert.Contains(name, element.TextContent, StringComparison.Ordinal);
        Assert.Contains($"background-color:{colour}", element.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal($"Stage: {name}", element.GetAttribute("aria-label"));
    }

    [Fact]
    public void Every_stage_has_its_own_colour()
    {
        var colours = Enum.GetValues<Stage>().Select(s => StageStyles.For(s).Color).ToList();

        Assert.Equal(colours.Count, colours.Distinct().Count());
    }
}
