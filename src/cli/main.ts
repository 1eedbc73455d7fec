export async function runCli(argv: string[]): Promise<number> {
  console.log('goal-action cli', argv);
  return 0;
}
