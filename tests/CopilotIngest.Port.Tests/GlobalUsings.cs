global using CopilotIngest.Testing;
