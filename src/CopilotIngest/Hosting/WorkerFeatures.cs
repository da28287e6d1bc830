namespace CopilotIngest.Hosting;

/// <summary>Which parts a command needs: <c>setup</c> needs Port only, <c>run</c> needs Port and the sources.</summary>
[Flags]
internal enum WorkerFeatures
{
    Port = 1,
    Sources = 2,
    All = Port | Sources,

    /// <summary>Never delete from Port (the demo writing into a real Port): reconciliation finds stale entities but keeps them.</summary>
    KeepExisting = 4,
}
