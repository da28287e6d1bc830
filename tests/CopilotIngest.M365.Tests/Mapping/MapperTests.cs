using CopilotIngest.Core.Pricing;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Privacy;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Licences;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;

namespace CopilotIngest.M365.Tests.Mapping;

public sealed class MapperTests
{
    private static readonly DateOnly s_refresh = new(2026, 11, 22);
    private static readonly TenantContext s_tenant = new("tenant-a", "Contoso", null);

    private static UserActivityRecord User(DateOnly? last, DateOnly? word = null, int? period = 7, string upn = "Adele.Vance@Contoso.com") =>
        new(s_refresh, upn, "Adele Vance", period, last, new Dictionary<string, DateOnly?> { ["word"] = word, ["teams"] = null }, UserPromptCounts.None);

    private static PortEntity MapUser(UserActivityRecord record, bool v2 = false) =>
        UserMapper.Map(record, UserIdentity.Resolve(record.UserPrincipalName, record.DisplayName, record.ReportRefreshDate, s_tenant.Key, Pseudonymizer.Plain), s_tenant.Key, ReportPeriod.D7, v2, relatePortUser: false);

    [Theory]
    [InlineData(0, true)]
    [InlineData(6, true)]
    [InlineData(7, false)]
    [InlineData(-1, false)]
    public void IsActive_LastActivityRelativeToSevenDayPeriod(int daysBeforeRefresh, bool active)
    {
        Assert.Equal(active, UserMapper.IsActive(s_refresh.AddDays(-daysBeforeRefresh), s_refresh, 7));
    }

    [Fact]
    public void MapUser_Plain_IdentifierIsLowerCaseUpnAtTenantAndDatesAreMidnightUtc()
    {
        var entity = MapUser(User(s_refresh.AddDays(-3), word: s_refresh.AddDays(-10)));

        Assert.Equal(M365Blueprints.User, entity.Blueprint);
        Assert.Equal("adele.vance@contoso.com@tenant-a", entity.Identifier);
        Assert.Equal("Adele Vance", entity.Title);
        Assert.Equal("tenant-a", (string)entity.Properties["tenant"]!);
        Assert.Equal("upn", (string)entity.Properties["identity"]!);
        Assert.Equal("2026-11-19T00:00:00Z", (string)entity.Properties["last_activity_date"]!);
        Assert.Equal(3, (int)entity.Properties["days_since_last_activity"]!);
        Assert.True((bool)entity.Properties["active_in_period"]!);
        Assert.Equal("2026-11-12T00:00:00Z", (string)entity.Properties["word_last_activity_date"]!);
        Assert.False((bool)entity.Properties["word_active_in_period"]!);
        Assert.True(entity.Properties.ContainsKey("teams_last_activity_date"));
        Assert.Null(entity.Properties["teams_last_activity_date"]);
        Assert.False(entity.Properties.ContainsKey("excel_last_activity_date"));
        Assert.Equal(0, (int)entity.Properties["active_app_count"]!);
        Assert.False(entity.Properties.ContainsKey("prompts_submitted"));
    }

    [Fact]
    public void MapUser_NeverActive_NullDatesAndInactive()
    {
        var entity = MapUser(User(null));

        Assert.Null(entity.Properties["last_activity_date"]);
        Assert.Null(entity.Properties["days_since_last_activity"]);
        Assert.False((bool)entity.Properties["active_in_period"]!);
    }

    [Fact]
    public void MapUser_RowPeriod30_ActiveFlagsUseTheRowsPeriod()
    {
        var entity = MapUser(User(s_refresh.AddDays(-20), word: s_refresh.AddDays(-20), period: 30));

        Assert.Equal("D30", (string)entity.Properties["report_period"]!);
        Assert.True((bool)entity.Properties["active_in_period"]!);
        Assert.True((bool)entity.Properties["word_active_in_period"]!);
        Assert.Equal(["word"], entity.Properties["active_apps"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Resolve_ConcealedHash_DateScopedIdentifierWithoutNames()
    {
        var identity = UserIdentity.Resolve("DC8C64D6EC3A3AA17481D7E5EB5B68A6", "C65E8D8AFA0DAB9639EDFAAEA94AFE66", s_refresh, s_tenant.Key, Pseudonymizer.Plain);

        Assert.Equal(UserIdentityKind.Concealed, identity.Kind);
        Assert.Equal("concealed@2026-11-22@dc8c64d6ec3a3aa17481d7e5eb5b68a6@tenant-a", identity.Identifier);
        Assert.True(UserIdentity.IsConcealedIdentifier(identity.Identifier));
        Assert.Null(identity.Upn);
        Assert.Null(identity.DisplayName);
    }

    [Theory]
    [InlineData("concealed@contoso.com", false)]
    [InlineData("concealed@contoso.com@tenant-a", false)]
    [InlineData("concealed@2026-11-22@abc", true)]
    [InlineData("concealed@2026-11-22@abc@tenant-a", true)]
    [InlineData("adele@contoso.com", false)]
    [InlineData("adele@contoso.com@tenant-a", false)]
    public void IsConcealedIdentifier_OnlyDateScopedEntries(string identifier, bool concealed)
    {
        Assert.Equal(concealed, UserIdentity.IsConcealedIdentifier(identifier));
    }

    [Theory]
    [InlineData("adele@contoso.com", "adele@contoso.com@tenant-a")]
    [InlineData("u-0123456789abcdef0123", "u-0123456789abcdef0123@tenant-a")]
    [InlineData("concealed@2026-11-22@abc", "concealed@2026-11-22@abc@tenant-a")]
    [InlineData("adele@contoso.com@tenant-a", null)]
    [InlineData("u-0123456789abcdef0123@tenant-a", null)]
    [InlineData("adele@fabrikam.com@tenant-b", null)]
    [InlineData("u-0123456789abcdef0123@tenant-b", null)]
    [InlineData("concealed@2026-11-22@abc@tenant-b", null)]
    public void CurrentIdentifier_UserWithoutTheTenantSuffix_GetsIt(string identifier, string? current)
    {
        Assert.Equal(current, UserIdentity.CurrentIdentifier(identifier, "tenant-a"));
        Assert.Equal("@tenant-a", UserIdentity.ScopeSuffix("tenant-a"));
    }

    [Theory]
    [InlineData("contoso@2026-11-19", "tenant-a@2026-11-19")]
    [InlineData("contoso@2026-11-22@D7", "tenant-a@2026-11-22@D7")]
    [InlineData("contoso-eu@2026-11-19", null)]
    [InlineData("tenant-a@2026-11-19", null)]
    public void TenantCurrentIdentifier_IdentifierUnderTheFormerName_MovesToTheKey(string identifier, string? current)
    {
        Assert.Equal(current, (s_tenant with { FormerKey = "contoso" }).CurrentIdentifier(identifier));
        Assert.Null(s_tenant.CurrentIdentifier(identifier));
    }

    [Fact]
    public void Resolve_Pseudonymize_CaseInsensitiveKeyedPseudonym()
    {
        var pseudonymizer = new Pseudonymizer(PrivacyMode.Pseudonymize, "key");

        var lower = UserIdentity.Resolve("adele@contoso.com", "Adele", s_refresh, s_tenant.Key, pseudonymizer);
        var upper = UserIdentity.Resolve("ADELE@contoso.com", "Adele", s_refresh, s_tenant.Key, pseudonymizer);

        Assert.Equal(lower.Identifier, upper.Identifier);
        Assert.Equal(UserIdentityKind.Pseudonym, lower.Kind);
        Assert.Matches("^u-[0-9a-f]{20}@tenant-a$", lower.Identifier);
        Assert.Null(lower.Upn);
        Assert.NotEqual(lower.Identifier, UserIdentity.Resolve("adele@contoso.com", "Adele", s_refresh, s_tenant.Key, new Pseudonymizer(PrivacyMode.Pseudonymize, "other")).Identifier);
    }

    [Fact]
    public void Resolve_UpnWithCharactersPortRejects_SanitizedToAValidIdentifier()
    {
        var identity = UserIdentity.Resolve("o'brien#EXT#@contoso.onmicrosoft.com", null, s_refresh, s_tenant.Key, Pseudonymizer.Plain);

        Assert.True(PortIdentifier.IsValid(identity.Identifier));
        Assert.Equal("o-brien-ext-@contoso.onmicrosoft.com@tenant-a", identity.Identifier);
        Assert.Equal("o'brien#ext#@contoso.onmicrosoft.com", identity.Upn);
    }

    [Fact]
    public void MapSummary_WithLicences_CountsAndPercentages()
    {
        var record = new UserCountSummaryRecord(s_refresh, 7, new AppUserCount(200, 150), new Dictionary<string, AppUserCount> { ["teams"] = new(200, 120) }, null, null);

        var entity = SummaryMapper.Map(record, s_tenant, ReportPeriod.D7, v2: false, new CopilotLicences(250, 200, 50, ["Microsoft_365_Copilot"]));

        Assert.Equal("tenant-a@2026-11-22@D7", entity.Identifier);
        Assert.Equal("Contoso M365 Copilot D7 to 2026-11-22", entity.Title);
        Assert.Equal("tenant-a", (string)entity.Properties["tenant"]!);
        Assert.Equal(75.0, (double)entity.Properties["utilisation_pct"]!);
        Assert.Equal(80.0, (double)entity.Properties["license_assignment_pct"]!);
        Assert.Equal(75.0, (double)entity.Properties["active_per_assigned_license_pct"]!);
        Assert.Equal(50, (long)entity.Properties["licenses_unassigned"]!);
        Assert.Equal(120, (long)entity.Properties["teams_active_users"]!);
        Assert.False(entity.Properties.ContainsKey("word_active_users"));
        Assert.False(entity.Properties.ContainsKey("total_prompts"));
    }

    [Fact]
    public void MapSummary_WithLicencesAndPrices_SpendOnPurchasedInactiveAndUnassigned()
    {
        var record = new UserCountSummaryRecord(s_refresh, 7, new AppUserCount(200, 150), new Dictionary<string, AppUserCount>(), null, null);

        var entity = SummaryMapper.Map(record, s_tenant, ReportPeriod.D7, v2: false, new CopilotLicences(250, 200, 50, ["Microsoft_365_Copilot"]), new LicencePrices());

        // 250 purchased × 30 = 7,500; (200 enabled − 150 active) × 30 = 1,500; 50 unassigned × 30 = 1,500; 7,500 / 150 = 50.
        Assert.Equal(7500m, (decimal)entity.Properties["monthly_spend"]!);
        Assert.Equal(1500m, (decimal)entity.Properties["inactive_spend"]!);
        Assert.Equal(1500m, (decimal)entity.Properties["never_used_spend"]!);
        Assert.Equal(3000m, (decimal)entity.Properties["wasted_spend"]!);
        Assert.Equal(50m, (decimal)entity.Properties["cost_per_active_user"]!);
        Assert.Equal("USD", (string)entity.Properties["currency"]!);
    }

    [Fact]
    public void MapSummary_NoLicencesAndNobodyActive_SpendOnEnabledUsersAndNoCostPerActiveUser()
    {
        var record = new UserCountSummaryRecord(s_refresh, 7, new AppUserCount(40, 0), new Dictionary<string, AppUserCount>(), null, null);

        var entity = SummaryMapper.Map(record, s_tenant, ReportPeriod.D7, v2: false, null, new LicencePrices { M365Copilot = 31.5m, Currency = "GBP" });

        Assert.Equal(1260m, (decimal)entity.Properties["monthly_spend"]!);
        Assert.Equal(1260m, (decimal)entity.Properties["inactive_spend"]!);
        Assert.Null(entity.Properties["never_used_spend"]);
        Assert.Null(entity.Properties["cost_per_active_user"]);
        Assert.Equal("GBP", (string)entity.Properties["currency"]!);
    }

    [Fact]
    public void MapSummary_ActiveCountMissing_NoCostProperties()
    {
        var record = new UserCountSummaryRecord(s_refresh, 7, new AppUserCount(40, null), new Dictionary<string, AppUserCount>(), null, null);

        var entity = SummaryMapper.Map(record, s_tenant, ReportPeriod.D7, v2: false, null, new LicencePrices());

        Assert.False(entity.Properties.ContainsKey("monthly_spend"));
        Assert.False(entity.Properties.ContainsKey("cost_per_active_user"));
    }

    [Fact]
    public void MapSummary_NoEnabledUsers_UtilisationEmpty()
    {
        var record = new UserCountSummaryRecord(s_refresh, null, new AppUserCount(0, 0), new Dictionary<string, AppUserCount>(), null, null);

        var entity = SummaryMapper.Map(record, s_tenant, ReportPeriod.D7, v2: false, null);

        Assert.Null(entity.Properties["utilisation_pct"]);
        Assert.Equal("D7", (string)entity.Properties["report_period"]!);
        Assert.False(entity.Properties.ContainsKey("licenses_purchased"));
    }

    [Fact]
    public void MapTrend_OneDay_IdentifierTenantKeyAtDayAndTitleDisplayName()
    {
        var record = new UserCountTrendRecord(s_refresh, s_refresh.AddDays(-3), 7, new AppUserCount(10, 4), new Dictionary<string, AppUserCount>(), 12);

        var entity = TrendMapper.Map(record, s_tenant, v2: true);

        Assert.Equal("tenant-a@2026-11-19", entity.Identifier);
        Assert.Equal("Contoso M365 Copilot 2026-11-19", entity.Title);
        Assert.Equal("2026-11-19T00:00:00Z", (string)entity.Properties["report_date"]!);
        Assert.Equal(40.0, (double)entity.Properties["utilisation_pct"]!);
        Assert.Equal(12, (long)entity.Properties["prompts_submitted"]!);
    }
}
