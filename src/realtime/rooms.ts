/** Socket.IO room names: a user's sockets, a group's members, one session's sockets, the admins. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  group: (id: string) => `group:${id}`,
  session: (id: string) => `session:${id}`,
  /** Every workspace admin's sockets: the admin sees every group, new ones included. */
  admins: 'admins',
};
