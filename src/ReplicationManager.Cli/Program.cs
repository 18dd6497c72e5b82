using System.CommandLine;

var root = new RootCommand("replication-manager-cli: operate repman through its REST API.");
return await root.Parse(args).InvokeAsync();
