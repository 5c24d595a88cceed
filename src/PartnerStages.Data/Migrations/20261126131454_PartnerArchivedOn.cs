using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerArchivedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchivedOn",
                table: "Partners",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedOn",
                table: "Partners");
        }
    }
}
