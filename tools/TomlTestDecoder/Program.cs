using TomlTestDecoder;

return DecoderCommand.Run(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);
