// The icons the menu uses, by name (imported one by one to keep the bundle small).
import { HomeFilled, OfficeBuilding, Setting, Share, User, Key, Document, Tickets } from '@element-plus/icons-vue'

export const menuIcons = { HomeFilled, OfficeBuilding, Setting, Share, User, Key, Document, Tickets }
