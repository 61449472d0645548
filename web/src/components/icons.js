// The icons the side menu uses, by the names route meta gives (router/routes.js). Re-exported one
// by one so the bundle holds only these; import them as a namespace: import * as menuIcons.
export {
  HomeFilled,
  OfficeBuilding,
  Setting,
  Share,
  User,
  Key,
  Document,
  Tickets,
  ChatDotRound,
  EditPen,
  Postcard,
  Timer,
  List,
  AlarmClock,
  Flag,
  DataAnalysis,
  Calendar,
  Connection,
  Notebook,
  Avatar,
} from '@element-plus/icons-vue'
