using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerLatestMomentum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "LatestMomentum",
                table: "Partners",
                type: "REAL",
                nullable: true);

            // Existing partners take the momentum of their newest assessment that was not voided.
            migrationBuilder.Sql(
                "UPDATE \"Partners\" SET \"LatestMomentum\" = (SELECT a.\"Momentum\" FROM \"Assessments\" a " +
                "WHERE a.\"PartnerId\" = \"Partners\".\"Id\" AND a.\"VoidedAtUtc\" IS NULL " +
                "ORDER BY a.\"AssessedOn\" DESC, a.\"Id\" DESC LIMIT 1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LatestMomentum",
                table: "Partners");
        }
    }
}
