using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class StoreCheckInFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "LatestMaturityIndex",
                table: "Partners",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LatestVerdictStage",
                table: "Partners",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeakVerdictStage",
                table: "Partners",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeakStage",
                table: "Assessments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PreviousMaturityIndex",
                table: "Assessments",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousStage",
                table: "Assessments",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TenureMonths",
                table: "Assessments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The tenure each check-in was judged on, from the explanation it stored (the join date
            // may have been corrected since). DatabaseInitializer then works out the rest of the
            // history by replaying each partner's check-ins, and derives every verdict again, before
            // the next migration drops the JSON.
            migrationBuilder.Sql("""
                UPDATE "Assessments" SET "TenureMonths" = coalesce(json_extract("VerdictExplanation", '$.tenureMonths'), 0)
                WHERE json_valid("VerdictExplanation");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LatestMaturityIndex",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "LatestVerdictStage",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "PeakVerdictStage",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "PeakStage",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PreviousMaturityIndex",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "PreviousStage",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "TenureMonths",
                table: "Assessments");
        }
    }
}
