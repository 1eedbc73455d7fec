export async function run(): Promise<void> {
  console.log('goal-action: not wired yet');
}
