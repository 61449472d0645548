/* The demo's site plan of 海门经济技术开发区's factory area (the zone's "热力地图" of its standard
 * factories and 人才公寓): a drawn SVG of 1000 × 800 plan units — the zone's boundary, its roads
 * (广州路, 秀山路, 湘江路, 长江路), green belts and the canal, and the footprints of the buildings
 * the demo registers (demo_space.c places them at the same coordinates, and outlines them). It
 * holds no script, link or outside reference, as an uploaded plan must not (space_plan_check). */
#include "demo/demo_int.h"
#include "space/space.h"
#include "lib/arena.h"
#include <string.h>

static const char HAIMEN_PLAN[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 800\" width=\"1000\" "
    "height=\"800\">\n"
    "<rect x=\"0\" y=\"0\" width=\"1000\" height=\"800\" fill=\"#f4f6f0\"/>\n"
    /* the zone's boundary */
    "<polygon points=\"30,40 960,40 975,770 40,780\" fill=\"#eef3e6\" stroke=\"#9bb07a\" "
    "stroke-width=\"3\" stroke-dasharray=\"12 6\"/>\n"
    /* the canal along the north edge, and the green belts */
    "<path d=\"M30,70 C250,55 500,90 960,62\" fill=\"none\" stroke=\"#9cc9e8\" "
    "stroke-width=\"18\"/>\n"
    "<text x=\"820\" y=\"56\" font-size=\"16\" fill=\"#4a7fa8\">青龙港河</text>\n"
    "<rect x=\"60\" y=\"470\" width=\"260\" height=\"120\" rx=\"10\" fill=\"#cfe3b4\"/>\n"
    "<text x=\"150\" y=\"536\" font-size=\"18\" fill=\"#5d7f3a\">中央绿地</text>\n"
    "<rect x=\"820\" y=\"640\" width=\"130\" height=\"110\" rx=\"10\" fill=\"#cfe3b4\"/>\n"
    "<text x=\"845\" y=\"700\" font-size=\"16\" fill=\"#5d7f3a\">滨河公园</text>\n"
    /* roads */
    "<g stroke=\"#c9c9c9\" stroke-width=\"22\" stroke-linecap=\"square\">\n"
    "<line x1=\"30\" y1=\"230\" x2=\"965\" y2=\"230\"/>\n"
    "<line x1=\"30\" y1=\"420\" x2=\"968\" y2=\"420\"/>\n"
    "<line x1=\"40\" y1=\"620\" x2=\"972\" y2=\"620\"/>\n"
    "<line x1=\"700\" y1="
    "\"90\" x2=\"700\" y2=\"775\"/>\n"
    "<line x1=\"330\" y1=\"90\" x2=\"330\" y2=\"778\"/>\n"
    "</g>\n"
    "<g stroke=\"#ffffff\" stroke-width=\"2\" stroke-dasharray=\"14 10\">\n"
    "<line x1=\"30\" y1=\"230\" x2=\"965\" y2=\"230\"/>\n"
    "<line x1=\"30\" y1=\"420\" x2=\"968\" y2=\"420\"/>\n"
    "<line x1=\"40\" y1=\"620\" x2=\"972\" y2=\"620\"/>\n"
    "<line x1=\"700\" y1=\"90\" x2=\"700\" y2=\"775\"/>\n"
    "<line x1=\"330\" y1=\"90\" x2=\"330\" y2=\"778\"/>\n"
    "</g>\n"
    "<g font-size=\"15\" fill=\"#666666\">\n"
    "<text x=\"40\" y=\"224\">广州路</text>\n"
    "<text x=\"40\" y=\"414\">秀山路</text>\n"
    "<text x=\"360\" y=\"614\">长江路</text>\n"
    "<text x=\"708\" y=\"130\">湘江路</text>\n"
    "<text x=\"338\" y=\"130\">黄浦江路</text>\n"
    "</g>\n"
    /* plots and the footprints of the buildings (the vacancy map colours them) */
    "<g fill=\"#e2e2dc\" stroke=\"#b8b8ae\" stroke-width=\"1\">\n"
    "<rect x=\"60\" y=\"100\" width=\"250\" height=\"110\"/>\n"
    "<rect x=\"360\" y=\"250\" width=\"320\" height=\"150\"/>\n"
    "<rect x=\"720\" y=\"440\" width=\"230\" height="
    "\"160\"/>\n"
    "<rect x=\"560\" y=\"640\" width=\"130\" height=\"130\"/>\n"
    "</g>\n"
    "<g fill=\"#d0d0c8\" stroke=\"#8e8e84\" stroke-width=\"1.5\">\n"
    "<rect x=\"80\" y=\"120\" width=\"80\" height=\"80\"/>\n"
    "<rect x=\"180\" y=\"120\" width=\"80\" height=\"80\"/>\n"
    "<rect x=\"380\" y=\"260\" width=\"80\" height=\"80\"/>\n"
    "<rect x=\"480\" y=\"260\" width=\"80\" height=\"80\"/>\n"
    "<rect x=\"712\" y=\"480\" width=\"96\" height=\"80\"/>\n"
    "<rect x=\"592\" y=\"680\" width=\"96\" height=\"80\"/>\n"
    "</g>\n"
    "<g font-size=\"13\" fill=\"#555555\">\n"
    "<text x=\"80\" y=\"116\">标准厂房一期</text>\n"
    "<text x=\"380\" y=\"256\">标准厂房二期</text>\n"
    "<text x=\"380\" y=\"372\">配套仓储</text>\n"
    "<text x=\"830\" y=\"476\">人才公寓</text>\n"
    "<text x=\"566\" y=\"676\">科创孵化中心</text>\n"
    "</g>\n"
    /* parking, the service centre, the substation */
    "<rect x=\"590\" y=\"260\" width=\"80\" height=\"60\" fill=\"#dde4ee\" stroke=\"#9aa8bb\"/>\n"
    "<text x=\"604\" y=\"296\" font-size=\"13\" fill=\"#5a6b82\">停车场</text>\n"
    "<rect x=\"380\" y=\"460\" width=\"140\" height=\"90\" fill=\"#f3e6d3\" stroke=\"#c9a878\"/>\n"
    "<text x=\"392\" y=\"510\" font-size=\"14\" fill=\"#8a6a3a\">企业服务中心</text>\n"
    "<rect x=\"880\" y=\"250\" width=\"60\" height=\"50\" fill=\"#f1dede\" stroke=\"#c08a8a\"/>\n"
    "<text x=\"884\" y=\"280\" font-size=\"12\" fill=\"#8a4a4a\">110kV站</text>\n"
    /* the north arrow, the title and the scale */
    "<polygon points=\"930,100 942,140 930,132 918,140\" fill=\"#444444\"/>\n"
    "<text x=\"924\" y=\"96\" font-size=\"14\" fill=\"#444444\">北</text>\n"
    "<text x=\"40\" y=\"770\" font-size=\"16\" fill=\"#333333\">海门经济技术开发区 "
    "标准厂房片区平面示意图</text>\n"
    "<line x1=\"780\" y1=\"765\" x2=\"880\" y2=\"765\" stroke=\"#333333\" stroke-width=\"2\"/>\n"
    "<text x=\"890\" y=\"770\" font-size=\"12\" fill=\"#333333\">100米</text>\n"
    "</svg>\n";

int demo_space_plan_add(struct zone_ctx *z, struct yq_err *e)
{
	if (strcmp(z->code, "hmetdz") != 0)
		return 0;
	struct arena a = ARENA_INIT;
	struct space_plan pl = {0};
	size_t n = sizeof HAIMEN_PLAN - 1;
	int rc = -1;
	char *b64 = arena_alloc(&a, 4 * ((n + 2) / 3) + 1);
	if (b64 && space_plan_check((const unsigned char *)HAIMEN_PLAN, n, &pl.content_type,
	                            &pl.width, &pl.height, e) == 0) {
		space_b64_encode((const unsigned char *)HAIMEN_PLAN, n, b64);
		pl.data = b64;
		rc = space_plan_put_in(z->tx, z->who, &pl, e);
	}
	arena_release(&a);
	return rc;
}
