def big(x):
    total = 0
    v0 = x + 0
    if v0 > 0:
        total += v0
    v1 = x + 1000
    if v1 > 1:
        total += v1
    v2 = x + 2000
    if v2 > 2:
        total += v2
    v3 = x + 3000
    if v3 > 3:
        total += v3
    v4 = x + 4000
    if v4 > 4:
        total += v4
    v5 = x + 5000
    if v5 > 5:
        total += v5
    v6 = x + 6000
    if v6 > 6:
        total += v6
    v7 = x + 7000
    if v7 > 7:
        total += v7
    v8 = x + 8000
    if v8 > 8:
        total += v8
    v9 = x + 9000
    if v9 > 9:
        total += v9
    v10 = x + 10000
    if v10 > 10:
        total += v10
    v11 = x + 11000
    if v11 > 11:
        total += v11
    v12 = x + 12000
    if v12 > 12:
        total += v12
    v13 = x + 13000
    if v13 > 13:
        total += v13
    v14 = x + 14000
    if v14 > 14:
        total += v14
    v15 = x + 15000
    if v15 > 15:
        total += v15
    v16 = x + 16000
    if v16 > 16:
        total += v16
    v17 = x + 17000
    if v17 > 17:
        total += v17
    v18 = x + 18000
    if v18 > 18:
        total += v18
    v19 = x + 19000
    if v19 > 19:
        total += v19
    v20 = x + 20000
    if v20 > 20:
        total += v20
    v21 = x + 21000
    if v21 > 21:
        total += v21
    v22 = x + 22000
    if v22 > 22:
        total += v22
    v23 = x + 23000
    if v23 > 23:
        total += v23
    v24 = x + 24000
    if v24 > 24:
        total += v24
    v25 = x + 25000
    if v25 > 25:
        total += v25
    v26 = x + 26000
    if v26 > 26:
        total += v26
    v27 = x + 27000
    if v27 > 27:
        total += v27
    v28 = x + 28000
    if v28 > 28:
        total += v28
    v29 = x + 29000
    if v29 > 29:
        total += v29
    v30 = x + 30000
    if v30 > 30:
        total += v30
    v31 = x + 31000
    if v31 > 31:
        total += v31
    v32 = x + 32000
    if v32 > 32:
        total += v32
    v33 = x + 33000
    if v33 > 33:
        total += v33
    v34 = x + 34000
    if v34 > 34:
        total += v34
    v35 = x + 35000
    if v35 > 35:
        total += v35
    v36 = x + 36000
    if v36 > 36:
        total += v36
    v37 = x + 37000
    if v37 > 37:
        total += v37
    v38 = x + 38000
    if v38 > 38:
        total += v38
    v39 = x + 39000
    if v39 > 39:
        total += v39
    v40 = x + 40000
    if v40 > 40:
        total += v40
    v41 = x + 41000
    if v41 > 41:
        total += v41
    v42 = x + 42000
    if v42 > 42:
        total += v42
    v43 = x + 43000
    if v43 > 43:
        total += v43
    v44 = x + 44000
    if v44 > 44:
        total += v44
    v45 = x + 45000
    if v45 > 45:
        total += v45
    v46 = x + 46000
    if v46 > 46:
        total += v46
    v47 = x + 47000
    if v47 > 47:
        total += v47
    v48 = x + 48000
    if v48 > 48:
        total += v48
    v49 = x + 49000
    if v49 > 49:
        total += v49
    v50 = x + 50000
    if v50 > 50:
        total += v50
    v51 = x + 51000
    if v51 > 51:
        total += v51
    v52 = x + 52000
    if v52 > 52:
        total += v52
    v53 = x + 53000
    if v53 > 53:
        total += v53
    v54 = x + 54000
    if v54 > 54:
        total += v54
    v55 = x + 55000
    if v55 > 55:
        total += v55
    v56 = x + 56000
    if v56 > 56:
        total += v56
    v57 = x + 57000
    if v57 > 57:
        total += v57
    v58 = x + 58000
    if v58 > 58:
        total += v58
    v59 = x + 59000
    if v59 > 59:
        total += v59
    v60 = x + 60000
    if v60 > 60:
        total += v60
    v61 = x + 61000
    if v61 > 61:
        total += v61
    v62 = x + 62000
    if v62 > 62:
        total += v62
    v63 = x + 63000
    if v63 > 63:
        total += v63
    v64 = x + 64000
    if v64 > 64:
        total += v64
    v65 = x + 65000
    if v65 > 65:
        total += v65
    v66 = x + 66000
    if v66 > 66:
        total += v66
    v67 = x + 67000
    if v67 > 67:
        total += v67
    v68 = x + 68000
    if v68 > 68:
        total += v68
    v69 = x + 69000
    if v69 > 69:
        total += v69
    v70 = x + 70000
    if v70 > 70:
        total += v70
    v71 = x + 71000
    if v71 > 71:
        total += v71
    v72 = x + 72000
    if v72 > 72:
        total += v72
    v73 = x + 73000
    if v73 > 73:
        total += v73
    v74 = x + 74000
    if v74 > 74:
        total += v74
    v75 = x + 75000
    if v75 > 75:
        total += v75
    v76 = x + 76000
    if v76 > 76:
        total += v76
    v77 = x + 77000
    if v77 > 77:
        total += v77
    v78 = x + 78000
    if v78 > 78:
        total += v78
    v79 = x + 79000
    if v79 > 79:
        total += v79
    v80 = x + 80000
    if v80 > 80:
        total += v80
    v81 = x + 81000
    if v81 > 81:
        total += v81
    v82 = x + 82000
    if v82 > 82:
        total += v82
    v83 = x + 83000
    if v83 > 83:
        total += v83
    v84 = x + 84000
    if v84 > 84:
        total += v84
    v85 = x + 85000
    if v85 > 85:
        total += v85
    v86 = x + 86000
    if v86 > 86:
        total += v86
    v87 = x + 87000
    if v87 > 87:
        total += v87
    v88 = x + 88000
    if v88 > 88:
        total += v88
    v89 = x + 89000
    if v89 > 89:
        total += v89
    v90 = x + 90000
    if v90 > 90:
        total += v90
    v91 = x + 91000
    if v91 > 91:
        total += v91
    v92 = x + 92000
    if v92 > 92:
        total += v92
    v93 = x + 93000
    if v93 > 93:
        total += v93
    v94 = x + 94000
    if v94 > 94:
        total += v94
    v95 = x + 95000
    if v95 > 95:
        total += v95
    v96 = x + 96000
    if v96 > 96:
        total += v96
    v97 = x + 97000
    if v97 > 97:
        total += v97
    v98 = x + 98000
    if v98 > 98:
        total += v98
    v99 = x + 99000
    if v99 > 99:
        total += v99
    v100 = x + 100000
    if v100 > 100:
        total += v100
    v101 = x + 101000
    if v101 > 101:
        total += v101
    v102 = x + 102000
    if v102 > 102:
        total += v102
    v103 = x + 103000
    if v103 > 103:
        total += v103
    v104 = x + 104000
    if v104 > 104:
        total += v104
    v105 = x + 105000
    if v105 > 105:
        total += v105
    v106 = x + 106000
    if v106 > 106:
        total += v106
    v107 = x + 107000
    if v107 > 107:
        total += v107
    v108 = x + 108000
    if v108 > 108:
        total += v108
    v109 = x + 109000
    if v109 > 109:
        total += v109
    v110 = x + 110000
    if v110 > 110:
        total += v110
    v111 = x + 111000
    if v111 > 111:
        total += v111
    v112 = x + 112000
    if v112 > 112:
        total += v112
    v113 = x + 113000
    if v113 > 113:
        total += v113
    v114 = x + 114000
    if v114 > 114:
        total += v114
    v115 = x + 115000
    if v115 > 115:
        total += v115
    v116 = x + 116000
    if v116 > 116:
        total += v116
    v117 = x + 117000
    if v117 > 117:
        total += v117
    v118 = x + 118000
    if v118 > 118:
        total += v118
    v119 = x + 119000
    if v119 > 119:
        total += v119
    v120 = x + 120000
    if v120 > 120:
        total += v120
    v121 = x + 121000
    if v121 > 121:
        total += v121
    v122 = x + 122000
    if v122 > 122:
        total += v122
    v123 = x + 123000
    if v123 > 123:
        total += v123
    v124 = x + 124000
    if v124 > 124:
        total += v124
    v125 = x + 125000
    if v125 > 125:
        total += v125
    v126 = x + 126000
    if v126 > 126:
        total += v126
    v127 = x + 127000
    if v127 > 127:
        total += v127
    v128 = x + 128000
    if v128 > 128:
        total += v128
    v129 = x + 129000
    if v129 > 129:
        total += v129
    v130 = x + 130000
    if v130 > 130:
        total += v130
    v131 = x + 131000
    if v131 > 131:
        total += v131
    v132 = x + 132000
    if v132 > 132:
        total += v132
    v133 = x + 133000
    if v133 > 133:
        total += v133
    v134 = x + 134000
    if v134 > 134:
        total += v134
    v135 = x + 135000
    if v135 > 135:
        total += v135
    v136 = x + 136000
    if v136 > 136:
        total += v136
    v137 = x + 137000
    if v137 > 137:
        total += v137
    v138 = x + 138000
    if v138 > 138:
        total += v138
    v139 = x + 139000
    if v139 > 139:
        total += v139
    v140 = x + 140000
    if v140 > 140:
        total += v140
    v141 = x + 141000
    if v141 > 141:
        total += v141
    v142 = x + 142000
    if v142 > 142:
        total += v142
    v143 = x + 143000
    if v143 > 143:
        total += v143
    v144 = x + 144000
    if v144 > 144:
        total += v144
    v145 = x + 145000
    if v145 > 145:
        total += v145
    v146 = x + 146000
    if v146 > 146:
        total += v146
    v147 = x + 147000
    if v147 > 147:
        total += v147
    v148 = x + 148000
    if v148 > 148:
        total += v148
    v149 = x + 149000
    if v149 > 149:
        total += v149
    v150 = x + 150000
    if v150 > 150:
        total += v150
    v151 = x + 151000
    if v151 > 151:
        total += v151
    v152 = x + 152000
    if v152 > 152:
        total += v152
    v153 = x + 153000
    if v153 > 153:
        total += v153
    v154 = x + 154000
    if v154 > 154:
        total += v154
    v155 = x + 155000
    if v155 > 155:
        total += v155
    v156 = x + 156000
    if v156 > 156:
        total += v156
    v157 = x + 157000
    if v157 > 157:
        total += v157
    v158 = x + 158000
    if v158 > 158:
        total += v158
    v159 = x + 159000
    if v159 > 159:
        total += v159
    v160 = x + 160000
    if v160 > 160:
        total += v160
    v161 = x + 161000
    if v161 > 161:
        total += v161
    v162 = x + 162000
    if v162 > 162:
        total += v162
    v163 = x + 163000
    if v163 > 163:
        total += v163
    v164 = x + 164000
    if v164 > 164:
        total += v164
    v165 = x + 165000
    if v165 > 165:
        total += v165
    v166 = x + 166000
    if v166 > 166:
        total += v166
    v167 = x + 167000
    if v167 > 167:
        total += v167
    v168 = x + 168000
    if v168 > 168:
        total += v168
    v169 = x + 169000
    if v169 > 169:
        total += v169
    v170 = x + 170000
    if v170 > 170:
        total += v170
    v171 = x + 171000
    if v171 > 171:
        total += v171
    v172 = x + 172000
    if v172 > 172:
        total += v172
    v173 = x + 173000
    if v173 > 173:
        total += v173
    v174 = x + 174000
    if v174 > 174:
        total += v174
    v175 = x + 175000
    if v175 > 175:
        total += v175
    v176 = x + 176000
    if v176 > 176:
        total += v176
    v177 = x + 177000
    if v177 > 177:
        total += v177
    v178 = x + 178000
    if v178 > 178:
        total += v178
    v179 = x + 179000
    if v179 > 179:
        total += v179
    v180 = x + 180000
    if v180 > 180:
        total += v180
    v181 = x + 181000
    if v181 > 181:
        total += v181
    v182 = x + 182000
    if v182 > 182:
        total += v182
    v183 = x + 183000
    if v183 > 183:
        total += v183
    v184 = x + 184000
    if v184 > 184:
        total += v184
    v185 = x + 185000
    if v185 > 185:
        total += v185
    v186 = x + 186000
    if v186 > 186:
        total += v186
    v187 = x + 187000
    if v187 > 187:
        total += v187
    v188 = x + 188000
    if v188 > 188:
        total += v188
    v189 = x + 189000
    if v189 > 189:
        total += v189
    v190 = x + 190000
    if v190 > 190:
        total += v190
    v191 = x + 191000
    if v191 > 191:
        total += v191
    v192 = x + 192000
    if v192 > 192:
        total += v192
    v193 = x + 193000
    if v193 > 193:
        total += v193
    v194 = x + 194000
    if v194 > 194:
        total += v194
    v195 = x + 195000
    if v195 > 195:
        total += v195
    v196 = x + 196000
    if v196 > 196:
        total += v196
    v197 = x + 197000
    if v197 > 197:
        total += v197
    v198 = x + 198000
    if v198 > 198:
        total += v198
    v199 = x + 199000
    if v199 > 199:
        total += v199
    v200 = x + 200000
    if v200 > 200:
        total += v200
    v201 = x + 201000
    if v201 > 201:
        total += v201
    v202 = x + 202000
    if v202 > 202:
        total += v202
    v203 = x + 203000
    if v203 > 203:
        total += v203
    v204 = x + 204000
    if v204 > 204:
        total += v204
    v205 = x + 205000
    if v205 > 205:
        total += v205
    v206 = x + 206000
    if v206 > 206:
        total += v206
    v207 = x + 207000
    if v207 > 207:
        total += v207
    v208 = x + 208000
    if v208 > 208:
        total += v208
    v209 = x + 209000
    if v209 > 209:
        total += v209
    v210 = x + 210000
    if v210 > 210:
        total += v210
    v211 = x + 211000
    if v211 > 211:
        total += v211
    v212 = x + 212000
    if v212 > 212:
        total += v212
    v213 = x + 213000
    if v213 > 213:
        total += v213
    v214 = x + 214000
    if v214 > 214:
        total += v214
    v215 = x + 215000
    if v215 > 215:
        total += v215
    v216 = x + 216000
    if v216 > 216:
        total += v216
    v217 = x + 217000
    if v217 > 217:
        total += v217
    v218 = x + 218000
    if v218 > 218:
        total += v218
    v219 = x + 219000
    if v219 > 219:
        total += v219
    v220 = x + 220000
    if v220 > 220:
        total += v220
    v221 = x + 221000
    if v221 > 221:
        total += v221
    v222 = x + 222000
    if v222 > 222:
        total += v222
    v223 = x + 223000
    if v223 > 223:
        total += v223
    v224 = x + 224000
    if v224 > 224:
        total += v224
    v225 = x + 225000
    if v225 > 225:
        total += v225
    v226 = x + 226000
    if v226 > 226:
        total += v226
    v227 = x + 227000
    if v227 > 227:
        total += v227
    v228 = x + 228000
    if v228 > 228:
        total += v228
    v229 = x + 229000
    if v229 > 229:
        total += v229
    v230 = x + 230000
    if v230 > 230:
        total += v230
    v231 = x + 231000
    if v231 > 231:
        total += v231
    v232 = x + 232000
    if v232 > 232:
        total += v232
    v233 = x + 233000
    if v233 > 233:
        total += v233
    v234 = x + 234000
    if v234 > 234:
        total += v234
    v235 = x + 235000
    if v235 > 235:
        total += v235
    v236 = x + 236000
    if v236 > 236:
        total += v236
    v237 = x + 237000
    if v237 > 237:
        total += v237
    v238 = x + 238000
    if v238 > 238:
        total += v238
    v239 = x + 239000
    if v239 > 239:
        total += v239
    v240 = x + 240000
    if v240 > 240:
        total += v240
    v241 = x + 241000
    if v241 > 241:
        total += v241
    v242 = x + 242000
    if v242 > 242:
        total += v242
    v243 = x + 243000
    if v243 > 243:
        total += v243
    v244 = x + 244000
    if v244 > 244:
        total += v244
    v245 = x + 245000
    if v245 > 245:
        total += v245
    v246 = x + 246000
    if v246 > 246:
        total += v246
    v247 = x + 247000
    if v247 > 247:
        total += v247
    v248 = x + 248000
    if v248 > 248:
        total += v248
    v249 = x + 249000
    if v249 > 249:
        total += v249
    v250 = x + 250000
    if v250 > 250:
        total += v250
    v251 = x + 251000
    if v251 > 251:
        total += v251
    v252 = x + 252000
    if v252 > 252:
        total += v252
    v253 = x + 253000
    if v253 > 253:
        total += v253
    v254 = x + 254000
    if v254 > 254:
        total += v254
    v255 = x + 255000
    if v255 > 255:
        total += v255
    v256 = x + 256000
    if v256 > 256:
        total += v256
    v257 = x + 257000
    if v257 > 257:
        total += v257
    v258 = x + 258000
    if v258 > 258:
        total += v258
    v259 = x + 259000
    if v259 > 259:
        total += v259
    v260 = x + 260000
    if v260 > 260:
        total += v260
    v261 = x + 261000
    if v261 > 261:
        total += v261
    v262 = x + 262000
    if v262 > 262:
        total += v262
    v263 = x + 263000
    if v263 > 263:
        total += v263
    v264 = x + 264000
    if v264 > 264:
        total += v264
    v265 = x + 265000
    if v265 > 265:
        total += v265
    v266 = x + 266000
    if v266 > 266:
        total += v266
    v267 = x + 267000
    if v267 > 267:
        total += v267
    v268 = x + 268000
    if v268 > 268:
        total += v268
    v269 = x + 269000
    if v269 > 269:
        total += v269
    v270 = x + 270000
    if v270 > 270:
        total += v270
    v271 = x + 271000
    if v271 > 271:
        total += v271
    v272 = x + 272000
    if v272 > 272:
        total += v272
    v273 = x + 273000
    if v273 > 273:
        total += v273
    v274 = x + 274000
    if v274 > 274:
        total += v274
    v275 = x + 275000
    if v275 > 275:
        total += v275
    v276 = x + 276000
    if v276 > 276:
        total += v276
    v277 = x + 277000
    if v277 > 277:
        total += v277
    v278 = x + 278000
    if v278 > 278:
        total += v278
    v279 = x + 279000
    if v279 > 279:
        total += v279
    v280 = x + 280000
    if v280 > 280:
        total += v280
    v281 = x + 281000
    if v281 > 281:
        total += v281
    v282 = x + 282000
    if v282 > 282:
        total += v282
    v283 = x + 283000
    if v283 > 283:
        total += v283
    v284 = x + 284000
    if v284 > 284:
        total += v284
    v285 = x + 285000
    if v285 > 285:
        total += v285
    v286 = x + 286000
    if v286 > 286:
        total += v286
    v287 = x + 287000
    if v287 > 287:
        total += v287
    v288 = x + 288000
    if v288 > 288:
        total += v288
    v289 = x + 289000
    if v289 > 289:
        total += v289
    v290 = x + 290000
    if v290 > 290:
        total += v290
    v291 = x + 291000
    if v291 > 291:
        total += v291
    v292 = x + 292000
    if v292 > 292:
        total += v292
    v293 = x + 293000
    if v293 > 293:
        total += v293
    v294 = x + 294000
    if v294 > 294:
        total += v294
    v295 = x + 295000
    if v295 > 295:
        total += v295
    v296 = x + 296000
    if v296 > 296:
        total += v296
    v297 = x + 297000
    if v297 > 297:
        total += v297
    v298 = x + 298000
    if v298 > 298:
        total += v298
    v299 = x + 299000
    if v299 > 299:
        total += v299
    return total
print(big(1))
