using PartnerStages.Core;
using PartnerStages.Core.Assessments;
using PartnerStages.Core.Partners;
using PartnerStages.Core.Rules;

namespace PartnerStages.Web.Tests.Services;

// A small portfolio built by hand, with every answer worked out on paper (today is 2026-11-26,
// the period 2026-06-01 to 2026-11-26):
//   Alder   (manager, EMEA)       Denial 2026-01-10, Hopeful 07-05, Soaring 07-20 (two moves in July)
//   Birch   (manager, EMEA)       Soaring 2025-12-01, Plateau 2026-09-15; index fell at its last check-in
//   Cedar   (other, APAC)         Despair since 2026-03-01, last assessed then: stuck and overdue
//   Dogwood (other, APAC)         Hopeful since 2026-02-01, regression to Despair pending
//   Elm     (manager, EMEA)       Hopeful since 2026-01-15, archived 2026-08-15
//   Fir     (other, EMEA)         never assessed
public static class HandBuiltPortfolio
{
    public static async Task AddAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        Partner Add(string name, string owner, string region, params (Stage? From, Stage To, DateOnly On)[] moves)
        {
            var partner = new Partner(name, region, SolutionArea.DataAndAi, ProgrammeLevel.Member, new DateOnly(2025, 1, 1), owner);
            foreach (var move in moves)
            {
                partner.RecordStage(move.To, move.On, null, null);
            }

            db.Partners.Add(partner);
            db.SaveChanges();
            foreach (var move in moves)
            {
                db.StageChanges.Add(new StageChange(partner.Id, move.From, move.To, move.On, StageChangeCause.Rules, null, TestData.AdministratorId, null, move.On.ToDateTime(TimeOnly.MinValue)));
            }

            return partner;
        }

        var manager = TestData.Manager.UserId;
        var other = TestData.OtherManager.UserId;
        var alder = Add("Alder", manager, "EMEA", (null, Stage.Denial, D(2026, 1, 10)), (Stage.Denial, Stage.Hopeful, D(2026, 7, 5)),
            (Stage.Hopeful, Stage.Soaring, D(2026, 7, 20)));
        alder.MarkAssessed(D(2026, 11, 1), momentum: 1);
        var birch = Add("Birch", manager, "EMEA", (null, Stage.Soaring, D(2025, 12, 1)), (Stage.Soaring, Stage.Plateau, D(2026, 9, 15)));
        birch.MarkAssessed(D(2026, 9, 15), momentum: -8);
        var birchHistory = new PartnerHistory(D(2026, 9, 15), birch.JoinedProgrammeOn, Stage.Soaring, Stage.Soaring, 78);
        db.Assessments.Add(new Assessment(birch.Id, manager, TestData.Inputs(), null, birchHistory,
            StageClassifier.Explain(TestData.Inputs(), birchHistory, RuleSet.Default), D(2026, 9, 15).ToDateTime(TimeOnly.MinValue)));
        var cedar = Add("Cedar", other, "APAC", (null, Stage.Despair, D(2026, 3, 1)));
        cedar.MarkAssessed(D(2026, 3, 1), momentum: 1);
        var dogwood = Add("Dogwood", other, "APAC", (null, Stage.Hopeful, D(2026, 2, 1)));
        dogwood.RecordStage(Stage.Hopeful, D(2026, 10, 20), Stage.Despair, null);
        dogwood.MarkAssessed(D(2026, 10, 20), momentum: 1);
        var elm = Add("Elm", manager, "EMEA", (null, Stage.Hopeful, D(2026, 1, 15)));
        elm.MarkAssessed(D(2026, 7, 1), momentum: 1);
        elm.Archive(D(2026, 8, 15));
        Add("Fir", other, "EMEA");
        await db.SaveChangesAsync();
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
