PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261126144157_Initial','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202063831_StoreCheckInFacts','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202063940_DropVerdictExplanation','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202122029_PortfolioChanges','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202184212_PortfolioChangeHistoryFrom','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202184257_RuleSetPublisher','10.0.15');
INSERT INTO __EFMigrationsHistory VALUES('20261202190625_PartnerAddedOn','10.0.15');
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
INSERT INTO AspNetRoles VALUES('administrator','Administrator','ADMINISTRATOR','administrator');
INSERT INTO AspNetRoles VALUES('channelmanager','ChannelManager','CHANNELMANAGER','channelmanager');
INSERT INTO AspNetRoles VALUES('executive','Executive','EXECUTIVE','executive');
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "PrefersDarkMode" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "AtUtc" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "UserName" TEXT NULL,
    "Action" TEXT NOT NULL,
    "EntityType" TEXT NOT NULL,
    "EntityId" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "RuleSets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RuleSets" PRIMARY KEY AUTOINCREMENT,
    "Number" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedById" TEXT NOT NULL,
    "CreatedAtUtc" TEXT NOT NULL,
    "PublishedAtUtc" TEXT NULL,
    "RowVersion" INTEGER NOT NULL
, "PublishedById" TEXT NULL);
INSERT INTO RuleSets VALUES(1,1,'{"version":1,"plateau":{"declineMomentumAtMost":-5,"agilityAtMost":2,"fieldContactsAtMost":0},"soaring":{"maturityIndexAtLeast":75,"deliveryConfidenceAtLeast":4,"fieldContactsAtLeast":2,"coSellWinsPlusAwardsAtLeast":1,"capabilityScoreAtLeast":70},"denial":{"programmeFluencyAtMost":2,"investmentConvictionAtMost":2},"despair":{"deliveryConfidenceAtMost":2},"weights":{"programmeFluency":0.1,"deliveryConfidence":0.15,"investmentConviction":0.1,"agility":0.1,"goalAlignment":0.15,"capabilityScore":0.1,"certifiedPeople":0.05,"netCustomerAdds":0.05,"coSellWins":0.1,"activeFieldContacts":0.05,"awards":0.05},"caps":{"capabilityScore":100,"certifiedPeople":10,"netCustomerAdds":10,"coSellWins":5,"activeFieldContacts":4,"awards":2},"playbook":{"denial":["Walk the partner through the programme\u0027s benefits and the three asks that matter most this year.","Agree one small, near-term win (a first certification or a listed offer) to show the time pays back.","Name a vendor-side buddy who answers programme questions within a day."],"despair":["Pair the partner with a technical specialist for its first vendor-led opportunity.","Pick one reference-able solution and help package it rather than chasing every workload.","Share how peers of a similar size won their first deals, with names they can call."],"hopeful":["Introduce the partner to two field sellers whose goals its offer helps meet.","Nominate a customer story for a vendor case study or an award entry.","Plan the next designation step with dated milestones and the people to certify."],"soaring":["Keep the field relationships warm: a joint account plan with each active seller.","Bring the partner early into the vendor\u0027s next priority so it leads rather than follows.","Watch the plateau triggers every check-in: momentum, agility and field contacts."],"plateau":["Hold an honest review with the partner\u0027s executive sponsor on what changed and why.","Map the vendor\u0027s new priorities to the partner\u0027s skills and pick one to invest in now.","Reconnect the partner with the current field team; old contacts may have moved on."]}}','Active','system','2026-12-04 01:29:48.0528385','2026-12-04 01:29:48.0528385',0,NULL);
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Partners" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Partners" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "Region" TEXT NOT NULL,
    "SolutionArea" TEXT NOT NULL,
    "ProgrammeLevel" TEXT NOT NULL,
    "JoinedProgrammeOn" TEXT NOT NULL,
    "OwnerId" TEXT NOT NULL,
    "IsArchived" INTEGER NOT NULL,
    "ArchivedOn" TEXT NULL,
    "Notes" TEXT NULL,
    "CurrentStage" TEXT NULL,
    "PreviousStage" TEXT NULL,
    "StageSince" TEXT NULL,
    "LastAssessedOn" TEXT NULL,
    "LatestMomentum" REAL NULL,
    "PendingRegression" TEXT NULL,
    "OverrideReason" TEXT NULL,
    "RowVersion" INTEGER NOT NULL, "LatestMaturityIndex" REAL NULL, "LatestVerdictStage" TEXT NULL, "PeakVerdictStage" TEXT NULL, "AddedOn" TEXT NOT NULL DEFAULT '0001-01-01',
    CONSTRAINT "FK_Partners_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "PartnerSponsors" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartnerSponsors" PRIMARY KEY AUTOINCREMENT,
    "PartnerId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Email" TEXT NULL,
    "RowVersion" INTEGER NOT NULL,
    CONSTRAINT "FK_PartnerSponsors_Partners_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "Partners" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "VendorContacts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_VendorContacts" PRIMARY KEY AUTOINCREMENT,
    "PartnerId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Mandate" TEXT NULL,
    "LastTouchOn" TEXT NULL,
    "RowVersion" INTEGER NOT NULL,
    CONSTRAINT "FK_VendorContacts_Partners_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "Partners" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "StageChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_StageChanges" PRIMARY KEY AUTOINCREMENT,
    "PartnerId" INTEGER NOT NULL,
    "From" TEXT NULL,
    "To" TEXT NOT NULL,
    "ChangedOn" TEXT NOT NULL,
    "Cause" TEXT NOT NULL,
    "AssessmentId" INTEGER NULL,
    "ChangedById" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    CONSTRAINT "FK_StageChanges_Assessments_AssessmentId" FOREIGN KEY ("AssessmentId") REFERENCES "Assessments" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_StageChanges_Partners_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "Partners" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "Assessments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Assessments" PRIMARY KEY AUTOINCREMENT,
    "AssessedOn" TEXT NOT NULL,
    "AssessorId" TEXT NOT NULL,
    "Evidence" TEXT NULL,
    "Inputs_ActiveFieldContacts" INTEGER NULL,
    "Inputs_Agility" INTEGER NOT NULL,
    "Inputs_Awards" INTEGER NULL,
    "Inputs_CapabilityScore" INTEGER NULL,
    "Inputs_CertifiedPeople" INTEGER NULL,
    "Inputs_CoSellWins" INTEGER NULL,
    "Inputs_DeliveryConfidence" INTEGER NOT NULL,
    "Inputs_GoalAlignment" INTEGER NOT NULL,
    "Inputs_InvestmentConviction" INTEGER NOT NULL,
    "Inputs_NetCustomerAdds" INTEGER NULL,
    "Inputs_ProgrammeFluency" INTEGER NOT NULL,
    "MaturityIndex" REAL NOT NULL,
    "Momentum" REAL NULL,
    "PartnerId" INTEGER NOT NULL,
    "PeakStage" TEXT NULL,
    "PreviousMaturityIndex" REAL NULL,
    "PreviousStage" TEXT NULL,
    "RecordedAtUtc" TEXT NOT NULL,
    "RowVersion" INTEGER NOT NULL,
    "RuleSetVersion" INTEGER NOT NULL,
    "TenureMonths" INTEGER NOT NULL,
    "VerdictStage" TEXT NOT NULL,
    "VoidReason" TEXT NULL,
    "VoidedAtUtc" TEXT NULL,
    "VoidedById" TEXT NULL,
    CONSTRAINT "FK_Assessments_AspNetUsers_AssessorId" FOREIGN KEY ("AssessorId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Assessments_Partners_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "Partners" ("Id") ON DELETE RESTRICT
);
CREATE TABLE IF NOT EXISTS "PortfolioChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PortfolioChanges" PRIMARY KEY AUTOINCREMENT,
    "OwnerId" TEXT NULL,
    "Region" TEXT NULL,
    "SolutionArea" TEXT NULL
, "HistoryFrom" TEXT NOT NULL DEFAULT '0001-01-01');
INSERT INTO PortfolioChanges VALUES(1,NULL,NULL,NULL,'0001-01-01');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('Assessments',0);
INSERT INTO sqlite_sequence VALUES('PortfolioChanges',1);
INSERT INTO sqlite_sequence VALUES('RuleSets',1);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE INDEX "IX_AuditEntries_AtUtc" ON "AuditEntries" ("AtUtc");
CREATE INDEX "IX_AuditEntries_EntityType_EntityId" ON "AuditEntries" ("EntityType", "EntityId");
CREATE INDEX "IX_Partners_IsArchived_CurrentStage" ON "Partners" ("IsArchived", "CurrentStage");
CREATE INDEX "IX_Partners_LastAssessedOn" ON "Partners" ("LastAssessedOn");
CREATE UNIQUE INDEX "IX_Partners_NormalizedName" ON "Partners" ("NormalizedName");
CREATE INDEX "IX_Partners_OwnerId" ON "Partners" ("OwnerId");
CREATE INDEX "IX_PartnerSponsors_PartnerId" ON "PartnerSponsors" ("PartnerId");
CREATE UNIQUE INDEX "IX_RuleSets_Number" ON "RuleSets" ("Number");
CREATE INDEX "IX_StageChanges_AssessmentId" ON "StageChanges" ("AssessmentId");
CREATE INDEX "IX_StageChanges_ChangedOn" ON "StageChanges" ("ChangedOn");
CREATE INDEX "IX_StageChanges_PartnerId_ChangedOn" ON "StageChanges" ("PartnerId", "ChangedOn");
CREATE INDEX "IX_VendorContacts_PartnerId" ON "VendorContacts" ("PartnerId");
CREATE INDEX "IX_Assessments_AssessorId" ON "Assessments" ("AssessorId");
CREATE INDEX "IX_Assessments_PartnerId_AssessedOn" ON "Assessments" ("PartnerId", "AssessedOn");
COMMIT;
