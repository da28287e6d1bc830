using System.Runtime.CompilerServices;
using CopilotIngest.Core.Entities;
using CopilotIngest.Core.Ingestion;
using CopilotIngest.Core.Privacy;
using CopilotIngest.Core.Reconciliation;
using CopilotIngest.Core.Sinks;
using CopilotIngest.M365.Configuration;
using CopilotIngest.M365.Graph;
using CopilotIngest.M365.Mapping;
using CopilotIngest.M365.Reports;
using CopilotIngest.M365.Tenant;
using Microsoft.Extensions.Options;

namespace CopilotIngest.M365.DataSets;

/// <summary>
/// <c>m365_users</c>: one <c>m365_copilot_user</c> entity per licensed user of the usage user detail report, streamed
/// row by row, then reconciliation of the users the report no longer lists. Skipped when the tenant conceals names
/// (unless <c>M365_INCLUDE_CONCEALED_USERS</c>).
/// </summary>
internal sealed class M365UsersDataSet(
    GraphClient graph,
    TenantContextProvider tenants,
    IEntitySink sink,
    IEntityStore store,
    UserReconciler reconciler,
    IdentifierMigration migration,
    IOptions<M365Options> options,
    M365RunGuard guard) : IDataSet
{
    public string Name => DataSetNames.Users;

    public Task<DataSetResult> RunAsync(CancellationToken cancellationToken) => guard.RunAsync(Name, RunCoreAsync, cancellationToken);

    private async Task<DataSetResult> RunCoreAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PrivacyMode == PrivacyMode.Aggregate)
        {
            return M365RunGuard.Note(Name, AggregateNote((await store.ListHeldAsync(M365Blueprints.User, cancellationToken)).Count));
        }

        var tenant = await tenants.GetAsync(cancellationToken);
        if (tenant.NamesConcealed == true && !settings.IncludeConcealedUsers)
        {
            return M365RunGuard.Note(Name, TenantContextProvider.ConcealedMessage(includeConcealed: false));
        }

        var state = new ReportReadState();
        var tally = new UserTally();
        var portUsers = settings.RelatePortUsers ? await PortUsersAsync(cancellationToken) : null;
        var held = await store.ListHeldAsync(M365Blueprints.User, cancellationToken);
        var report = await sink.UpsertAsync(M365Blueprints.User, MapAsync(tenant.Key, state, tally, portUsers, cancellationToken), held, cancellationToken);

        var notes = new List<string>();
        if (tally.WithoutPortUser > 0)
        {
            notes.Add($"{tally.WithoutPortUser} user(s) have no Port user (_user) with the same email, so they are not related to one.");
        }

        if (tally.SkippedConcealed > 0)
        {
            notes.Add($"{tally.SkippedConcealed} user row(s) had concealed names and were skipped. " + TenantContextProvider.ConcealedMessage(includeConcealed: false));
        }
        else if (tally.Concealed > 0 && tenant.NamesConcealed != true)
        {
            notes.Add($"{tally.Concealed} user row(s) had concealed names; they are kept for this report date only.");
        }

        if (M365RunGuard.MalformedNote("the usage user detail", state) is { } malformed)
        {
            notes.Add(malformed);
        }

        // Users an earlier version wrote without the tenant suffix go first (only those written again under it),
        // and leave the listing reconciliation judges by.
        var migrated = await migration.RunAsync(held, id => UserIdentity.CurrentIdentifier(id, tenant.Key), tally.Seen, cancellationToken);
        if (migrated.Note is { } migrationNote)
        {
            notes.Add(migrationNote);
        }

        held = held.Without(migrated.Replaced);
        var outcome = ReconcileOutcome.None;
        if (state.Complete && report.Failures.Count == 0)
        {
            outcome = await reconciler.ReconcileAsync(held, tally.Seen, namedComplete: tally.Concealed == 0 && tally.SkippedConcealed == 0, UserIdentity.ScopeSuffix(tenant.Key), cancellationToken);
            notes.AddRange(outcome.Notes);
        }
        else
        {
            notes.Add("No user was deleted: the report was not read completely or some users could not be written.");
        }

        return new DataSetResult(
            Name,
            tally.Fetched,
            report.Upserted,
            report.Unchanged,
            migrated.Deleted + outcome.Deleted,
            [.. report.Failures, .. M365RunGuard.RowFailures("usage user detail", state)],
            null,
            notes)
        {
            NotDeleted = outcome.NotDeleted,
        };
    }

    /// <summary>Why <c>m365_users</c> wrote nothing in aggregate mode, and what became of the users earlier runs wrote.</summary>
    internal static string AggregateNote(int held) =>
        $"{PrivacyOptions.ModeSetting}=aggregate: skipped, no entity about a person is written (the summary and trend still are)."
        + (held == 0
            ? string.Empty
            : $" Port still holds {held} {M365Blueprints.User} entities from earlier runs; aggregate mode neither updates nor deletes them: delete them in Port if they must go.");

    /// <summary>The emails of Port's users: only these can be related, since Port rejects a relation to a missing <c>_user</c>.</summary>
    private async Task<HashSet<string>> PortUsersAsync(CancellationToken cancellationToken)
    {
        var users = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var identifier in store.ListIdentifiersAsync(M365Blueprints.PortUserBlueprint, null, cancellationToken))
        {
            users.Add(identifier);
        }

        return users;
    }

    private async IAsyncEnumerable<PortEntity> MapAsync(
        string tenant,
        ReportReadState state,
        UserTally tally,
        HashSet<string>? portUsers,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pseudonymizer = new Pseudonymizer(settings.PrivacyMode, settings.PrivacyKey);
        await foreach (var row in graph.GetReportRowsAsync(CopilotReport.UsageUserDetail, settings.Period, state, cancellationToken))
        {
            if (UserActivityReader.Read(row, state) is not { } record)
            {
                continue;
            }

            tally.Fetched++;
            var identity = UserIdentity.Resolve(record.UserPrincipalName, record.DisplayName, record.ReportRefreshDate, tenant, pseudonymizer);
            if (identity.Kind == UserIdentityKind.Concealed)
            {
                if (!settings.IncludeConcealedUsers)
                {
                    tally.SkippedConcealed++;
                    continue;
                }

                tally.Concealed++;
            }

            if (!tally.Seen.Add(identity.Identifier))
            {
                continue;
            }

            var relate = portUsers is not null && identity.Upn is { } upn && portUsers.Contains(upn);
            if (portUsers is not null && !relate && identity.Kind == UserIdentityKind.Upn)
            {
                tally.WithoutPortUser++;
            }

            yield return UserMapper.Map(record, identity, tenant, settings.Period, settings.ReportV2, relate);
        }
    }

    private sealed class UserTally
    {
        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public int Fetched { get; set; }

        public int Concealed { get; set; }

        public int SkippedConcealed { get; set; }

        public int WithoutPortUser { get; set; }
    }
}
