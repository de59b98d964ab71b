/** The demo accounts that `npm run db:seed` creates and `npm run demo` prints. */
export const DEMO_ACCOUNTS = [
  {
    email: 'learner@example.com',
    username: 'ana',
    name: 'Ana Learner',
    password: 'questlog-demo-learner',
    role: 'learner',
    teamRole: 'member',
  },
  {
    email: 'teamadmin@example.com',
    username: 'ben',
    name: 'Ben Team-Admin',
    password: 'questlog-demo-teamadmin',
    role: 'instructor',
    teamRole: 'owner',
  },
  {
    email: 'admin@example.com',
    username: 'cleo',
    name: 'Cleo Platform-Admin',
    password: 'questlog-demo-admin',
    role: 'admin',
    teamRole: null,
  },
] as const

export const DEMO_TEAM = {
  slug: 'demo-team',
  name: 'Demo Team',
  description: 'A team to try Questlog with.',
  seatLimit: 5,
}
