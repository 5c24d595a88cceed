using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepRegressionDismissals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegressionDismissals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Dismissed = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DismissedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DismissedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegressionDismissals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RegressionDismissals_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RegressionDismissals_PartnerId",
                table: "RegressionDismissals",
                column: "PartnerId");

            // Dismissals made before this version were kept only in the audit trail: each entry holds
            // the partner's standing before it, with the regression that was pending.
            migrationBuilder.Sql("""
                INSERT INTO "RegressionDismissals" ("PartnerId", "Dismissed", "DismissedOn", "DismissedById", "RecordedAtUtc")
                SELECT CAST(a."EntityId" AS INTEGER), json_extract(a."Before", '$.PendingRegression'), substr(a."AtUtc", 1, 10),
                       coalesce(a."UserId", 'system'), a."AtUtc"
                FROM "AuditEntries" a
                WHERE a."Action" = 'RegressionDismissed' AND a."EntityType" = 'Partner'
                  AND json_valid(a."Before") AND json_extract(a."Before", '$.PendingRegression') IS NOT NULL
                  AND EXISTS (SELECT 1 FROM "Partners" p WHERE p."Id" = CAST(a."EntityId" AS INTEGER))
                ORDER BY a."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegressionDismissals");
        }
    }
}
