using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class RuleSetPublisher : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublishedById",
                table: "RuleSets",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedById",
                table: "RuleSets");
        }
    }
}
