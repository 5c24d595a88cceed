using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartnerStages.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortfolioChangeHistoryFrom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "HistoryFrom",
                table: "PortfolioChanges",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HistoryFrom",
                table: "PortfolioChanges");
        }
    }
}
