using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerAddedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AddedOn",
                table: "Partners",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Existing partners: the day of the first audit entry that names them (their creation),
            // or, when there is none (an import names no single partner), the day they joined the programme.
            migrationBuilder.Sql("""
                UPDATE Partners SET AddedOn = COALESCE(
                    (SELECT MIN(date(a.AtUtc)) FROM AuditEntries a
                     WHERE a.EntityType = 'Partner' AND a.EntityId = CAST(Partners.Id AS TEXT)),
                    JoinedProgrammeOn);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AddedOn",
                table: "Partners");
        }
    }
}
